"""The platform under the app: its folders, logging, the crash handler, process
hardening and the lookup of shipped files. No Qt, no clinical data."""
