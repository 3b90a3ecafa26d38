"""Retraining: what each trainee should practise next, from their recorded calls.

`reviews` reads a trainee's graded calls from the records store (overrides
applied); `ratings` turns each call's item results into spaced-repetition
review ratings; `practice` knows which items each scenario exercises (its
ideal path passes them, its mistakes name them); `plan` schedules one FSRS
card per trainee and protocol item and picks the scenarios to play.
"""
