"""The words the app, the command line and the printed documents share, defined once."""
