from jixiao.web.accounts.models import Role, role_of


def role(request):
    user_role = role_of(request.user) if hasattr(request, "user") else None
    return {
        "user_role": user_role,
        "user_role_label": Role(user_role).label if user_role else "",
        "is_jixiao_admin": user_role == Role.ADMIN,
        # Only those the admin lets in see its link: nobody is sent to a page that turns them away.
        "can_use_admin": user_role == Role.ADMIN and request.user.is_active and request.user.is_staff,
    }
