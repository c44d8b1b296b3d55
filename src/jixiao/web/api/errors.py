"""The API's own refusals; ``api`` turns each into ``{"code", "message"}`` with its status."""


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
