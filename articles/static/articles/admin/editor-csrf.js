/* Send Django's CSRF token with CKEditor's image uploads (pasted, dropped or from
   the image dialog). The token comes from the admin form itself. */
(function () {
  "use strict";
  if (!window.CKEDITOR) { return; }
  window.CKEDITOR.on("instanceCreated", function (event) {
    event.editor.on("fileUploadRequest", function (upload) {
      var field = document.querySelector("input[name=csrfmiddlewaretoken]");
      if (field) { upload.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", field.value); }
    });
  });
})();
