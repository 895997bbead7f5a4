from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from regions import scoping


@login_required
def dashboard(request):
    region = scoping.home_region(request.user)
    if region is not None and region.kind != "province":
        return redirect("region", code=region.code)
    return render(request, "reports/dashboard.html", {"region": region})
