/* The image dialog offers only what a save keeps (articles/sanitize.py): the address
   (typed, uploaded or browsed from the media library), the description, and the
   alignment and size as classes (IMAGE_CLASSES there; the site's stylesheet lays
   them out). CKEditor's width, height, border, spacing and alignment fields write
   styles the sanitizer drops, so they are hidden; the picture's own width and height
   are still filled in, which keeps the page from jumping while it loads. The admin
   loads this file before ckeditor.js, so it waits for the page to be parsed. */
(function () {
  "use strict";
  var IMAGE = 1; // CKEditor's image dialog commits the <img> with this type
  var CHOICES = {
    imageAlign: ["Alignment", [["None", ""], ["Left, text beside it", "align-left"],
      ["Right, text beside it", "align-right"], ["Centre", "align-center"]]],
    imageSize: ["Size", [["As large as fits", ""], ["Medium", "size-medium"],
      ["Small", "size-small"]]]
  };
  var HIDDEN = ["txtWidth", "txtHeight", "ratioLock", "txtBorder", "txtHSpace", "txtVSpace",
    "cmbAlign"];

  function classChoice(id) {
    var label = CHOICES[id][0];
    var items = CHOICES[id][1];
    return {
      type: "select",
      id: id,
      label: label,
      items: items,
      "default": "",
      setup: function (type, element) {
        if (type !== IMAGE) { return; }
        var chosen = "";
        items.forEach(function (item) {
          if (item[1] && element.hasClass(item[1])) { chosen = item[1]; }
        });
        this.setValue(chosen);
      },
      commit: function (type, element) {
        if (type !== IMAGE) { return; }
        items.forEach(function (item) { if (item[1]) { element.removeClass(item[1]); } });
        if (this.getValue()) { element.addClass(this.getValue()); }
        if (!element.getAttribute("class")) { element.removeAttribute("class"); }
      }
    };
  }

  function simplify(event) {
    if (event.data.name !== "image") { return; }
    var info = event.data.definition.getContents("info");
    HIDDEN.forEach(function (id) {
      var field = info.get(id);
      if (field) { field.hidden = true; }
    });
    info.add(classChoice("imageAlign"), "htmlPreview");
    info.add(classChoice("imageSize"), "htmlPreview");
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.CKEDITOR) { window.CKEDITOR.on("dialogDefinition", simplify); }
  });
})();
