"""The Django shell around the core: persistence, permissions and pages."""
