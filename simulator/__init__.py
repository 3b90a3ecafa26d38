"""callsim's simulator: scenarios, the call engine, front-ends, voice and ears, and the CLI."""

__version__ = "0.1.0"
