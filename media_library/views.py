"""The editor's side of the library: uploading from CKEditor and picking an image
for it ("Browse Server" in the image dialog). Staff only, the admin's sign-in rule."""

import re

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from media_library.models import MediaImage
from media_library.services import image_create
from recovery_site.staff import staff_required

BROWSE_PAGE_SIZE = 24
FUNC_NUM = re.compile(r"[0-9]{1,9}")


@require_POST
@staff_required("media_library.add_mediaimage")
def editor_image_upload(request):
    """CKEditor's image upload endpoint (JSON protocol of CKEditor 4's fileTools).

    CSRF-protected (the admin page sends the token as X-CSRFToken); the file becomes
    a library record through `image_create`, checked and re-encoded first.
    """
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"uploaded": 0, "error": {"message": "No file was sent."}}, status=400)
    try:
        image = image_create(upload, uploaded_by=request.user)
    except ValidationError as error:
        return JsonResponse({"uploaded": 0, "error": {"message": error.messages[0]}})
    return JsonResponse({"uploaded": 1, "fileName": image.name, "url": image.url})


def search_images(queryset, query):
    """Images whose description, caption, credit or file name contains every word."""
    for word in query.split():
        queryset = queryset.filter(
            Q(alt_text__icontains=word)
            | Q(caption__icontains=word)
            | Q(credit__icontains=word)
            | Q(original_filename__icontains=word)
            | Q(file__icontains=word)
        )
    return queryset


@method_decorator(never_cache, name="dispatch")
@method_decorator(staff_required("media_library.view_mediaimage"), name="dispatch")
class EditorBrowseView(ListView):
    """The library as CKEditor's "Browse Server" window: click an image to put it in
    the dialog with its description. No inline script: the page's data attributes
    tell media_library/browse.js which editor callback to call."""

    template_name = "media_library/browse.html"
    paginate_by = BROWSE_PAGE_SIZE
    context_object_name = "images"

    def get_queryset(self):
        self.query = " ".join(self.request.GET.get("q", "").split())[:200]
        return search_images(MediaImage.objects.all(), self.query)

    def get_context_data(self, **kwargs):
        # CKEditor's callback number, handed to the script as data: digits only.
        func_num = self.request.GET.get("CKEditorFuncNum", "")
        func_num = func_num if FUNC_NUM.fullmatch(func_num) else ""
        return super().get_context_data(query=self.query, func_num=func_num, **kwargs)
