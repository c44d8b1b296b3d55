"""The pure core: interchange model, target-value grammar, readers/writers, review and scoring.

Nothing in this package imports Django.
"""
