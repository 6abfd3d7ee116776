/* Send Django's CSRF token with CKEditor's image uploads (pasted, dropped or from
   the image dialog). The token comes from the admin form itself. The admin loads
   this file before ckeditor.js, so it waits for the page to be parsed. */
(function () {
  "use strict";
  function sendToken(upload) {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) { upload.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", field.value); }
  }
  function watch(editor) { editor.on("fileUploadRequest", sendToken); }
  document.addEventListener("DOMContentLoaded", function () {
    var CKEDITOR = window.CKEDITOR;
    if (!CKEDITOR) { return; }
    Object.keys(CKEDITOR.instances).forEach(function (name) { watch(CKEDITOR.instances[name]); });
    CKEDITOR.on("instanceCreated", function (event) { watch(event.editor); });
  });
})();
