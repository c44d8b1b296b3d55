"""Reading tables people really have: grid extraction per format, then template recognition."""
