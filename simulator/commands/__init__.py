"""One module per `callsim` sub-command; each exposes `register(subparsers)`.

The CLI imports only the module of the command being run: importing all of
them (the engine, the grader, the records store, the speech stack) cost every
`callsim` start most of a second. `SUMMARIES` gives `callsim --help` its list
without those imports; a test checks it names every module with the help the
module itself registers, so adding a command still means adding a file (and
its line here).
"""

#: command -> its one-line help, as its module registers it
SUMMARIES: dict[str, str] = {
    "convert": "convert captions, CSV or speech-to-text JSON to a callsim transcript",
    "enrol": "read a short script aloud so speech recognition adapts to your voice",
    "export": "export calls as CSV or xAPI statements",
    "grade": "grade call transcripts and print QA scorecards",
    "history": "list recorded calls, newest first",
    "microphones": "list the input devices to pick with --mic",
    "new": "start a scenario file from a working one of a kind of call",
    "override": "overrule one item's mark on a recorded call",
    "plan": "a trainee's retraining plan: what to practise next",
    "play": "play a role-play call",
    "regrade": "recompute stored results from the transcripts (after a policy or grader change)",
    "report": "write an HTML report of a call, a trainee or a team",
    "scenarios": "list the scenarios",
    "screenshot": "save screenshots of the game window (start, call on hold, scorecard)",
    "trainees": "list trainees: calls, last played, average and last score, weakest items",
    "transcribe": "recognise the speech in a recording (offline)",
    "validate": "check scenario files (and play their scripts)",
}
