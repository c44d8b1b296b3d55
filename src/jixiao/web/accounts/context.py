from jixiao.web.accounts.models import Role, role_of


def role(request):
    user_role = role_of(request.user) if hasattr(request, "user") else None
    return {
        "user_role": user_role,
        "user_role_label": Role(user_role).label if user_role else "",
        "is_jixiao_admin": user_role == Role.ADMIN,
    }
