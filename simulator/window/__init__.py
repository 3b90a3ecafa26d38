"""The pygame game window: screens, widgets, and the adapters to the engine and grader.

See docs/window.md. Entry points: `simulator.window.app.run_window` and
`simulator.frontend.window.WindowFrontend`.
"""
