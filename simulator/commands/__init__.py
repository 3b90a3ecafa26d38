"""One module per `callsim` sub-command; each exposes `register(subparsers)`.

The CLI discovers the modules here, so adding a command means adding a file.
"""
