"""django-axes' sign-in logs in the admin, made to hold at national scale (issue 16).

AccessLog gets a row per sign-in (a few thousand people signing in daily: hundreds of
thousands a year), AccessFailureLog one per wrong password. Their stock admins count the whole
table twice per page and offer a ``path_info`` filter and a date drill-down, each a DISTINCT
over the whole table: here they count once, by estimate when the table is large
(mcsp_tracker.admin_paging), and keep the search and the remaining filters.
"""

from axes import admin as axes_admin  # registers axes' admins first; we replace two
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin

from mcsp_tracker.admin_paging import BigTableAdmin, ScaledAdmin


class AccessAttemptAdmin(ScaledAdmin, axes_admin.AccessAttemptAdmin):
    """Attempts are reset on success and expire: a small table."""


class AccessLogAdmin(BigTableAdmin, axes_admin.AccessLogAdmin):
    list_filter = ["logout_time"]
    date_hierarchy = None


class AccessFailureLogAdmin(BigTableAdmin, axes_admin.AccessFailureLogAdmin):
    list_filter = ["locked_out"]
    date_hierarchy = None


for model, model_admin in [
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
]:
    if admin.site.is_registered(model):  # AXES_ENABLE_ADMIN may be off
        admin.site.unregister(model)
        admin.site.register(model, model_admin)
