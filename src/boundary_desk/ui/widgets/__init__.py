"""The shared floor: the app's style, prompts and background jobs."""
