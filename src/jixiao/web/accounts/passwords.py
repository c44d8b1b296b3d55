"""Django's password validators, with the Chinese messages Django's own translation lacks."""

from django.contrib.auth import password_validation as pv


class MinimumLength(pv.MinimumLengthValidator):
    def get_error_message(self):
        return f"密码太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"


class AttributeSimilarity(pv.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return "密码与%(verbose_name)s太相似。"
