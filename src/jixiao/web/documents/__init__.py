"""Downloads of stored tables and self-evaluations as .xlsx, .pdf, .json and .docx files."""
