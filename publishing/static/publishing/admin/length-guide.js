// Length guidance for SEO fields: "42 of about 60 characters", marked when over.
// Fields opt in with data-length-guide="60" (set by PublishableAdminForm); the count
// joins the field's help text, which the field is already described by.
(function () {
  "use strict";
  function attach(field) {
    var guide = parseInt(field.getAttribute("data-length-guide"), 10);
    var note = document.createElement("span");
    note.className = "length-guide";
    note.id = field.id + "_length";
    var help = document.getElementById(field.id + "_helptext");
    if (help) {
      help.appendChild(document.createTextNode(" "));
      help.appendChild(note);
    } else {
      field.insertAdjacentElement("afterend", note);
    }
    function update() {
      var length = field.value.length;
      note.textContent = length + " of about " + guide + " characters" +
        (length > guide ? ": search engines will cut the rest off." : ".");
      note.classList.toggle("length-guide--over", length > guide);
    }
    field.addEventListener("input", update);
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-length-guide]").forEach(attach);
  });
})();
