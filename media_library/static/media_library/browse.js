/* CKEditor's "Browse Server" window: a click on an image hands its address to the
   image dialog that opened this window (CKEDITOR.tools.callFunction, the file
   browser protocol) and fills the dialog's Alternative Text with its description. */
(function () {
  "use strict";
  var funcNum = Number(document.body.getAttribute("data-ckeditor-func-num"));

  function choose(button) {
    var opener = window.opener;
    if (!funcNum || !opener || opener.closed || !opener.CKEDITOR) {
      document.getElementById("library-error").hidden = false;
      return;
    }
    var alt = button.getAttribute("data-image-alt");
    opener.CKEDITOR.tools.callFunction(funcNum, button.getAttribute("data-image-url"), function () {
      var dialog = this.getDialog && this.getDialog();
      if (dialog && dialog.getName() === "image" && alt) {
        var field = dialog.getContentElement("info", "txtAlt");
        if (field) {
          field.setValue(alt);
        }
      }
    });
    window.close();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-image-url]");
    if (button) {
      choose(button);
    }
  });
})();
