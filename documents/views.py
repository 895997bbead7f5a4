from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from documents.models import Document
from regions import scoping


@login_required
def region_page(request, code: str):
    region = scoping.get_region_for_user(request.user, code)
    documents = Document.objects.visible_to(request.user).filter(region=region)
    return render(request, "documents/region.html", {"region": region, "documents": documents})
