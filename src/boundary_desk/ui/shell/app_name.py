"""The app's name, as its windows and settings show it."""

APP_NAME = "Boundary Desk"
