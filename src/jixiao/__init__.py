"""Jixiao (绩效): budget performance management for Chinese government departments."""

__version__ = "0.1.0"
