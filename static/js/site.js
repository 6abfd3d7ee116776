/* Recovery Site: opens the call-back form in a dialog; without JavaScript the links just work.
   Pages are cached whole, so the form (with its CSRF token and timestamp) is fetched fresh. */
(function () {
  "use strict";

  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  if (!window.fetch || !window.DOMParser || typeof HTMLDialogElement !== "function") return;
  var dialog;

  function dialogFor(link) {
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "callback-dialog";
      dialog.setAttribute("aria-labelledby", "callback-dialog-title");
      document.body.appendChild(dialog);
    }
    dialog.innerHTML =
      '<div class="callback-dialog__head"><h2 id="callback-dialog-title">Request a call back</h2>' +
      '<button type="button" class="callback-dialog__close" aria-label="Close">&times;</button></div>';
    dialog.querySelector("button").addEventListener("click", function () { dialog.close(); });
    dialog.onclose = function () { link.focus(); };
    return dialog;
  }

  function openInline(link) {
    fetch(link.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var form = new DOMParser().parseFromString(html, "text/html").getElementById("callback-form");
        if (!form) throw new Error("No form");
        var box = dialogFor(link);
        form = document.importNode(form, true);
        form.elements.source_path.value = location.pathname;
        box.appendChild(form);
        box.showModal();
        form.elements.name.focus();
      })
      .catch(function () { window.location.href = link.href; });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-callback-inline]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.pathname === window.location.pathname) {
      // The form is on this page (the link points at it): go to its first field,
      // keeping whatever the person has typed.
      var form = link.hash && document.getElementById(link.hash.slice(1));
      if (!form || !form.elements.name) return;
      event.preventDefault();
      form.elements.name.focus();
      return;
    }
    event.preventDefault();
    openInline(link);
  });
})();

/* Copy link: shown only when the browser can copy; the share links work without it. */
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  var buttons = document.querySelectorAll("[data-copy-link]");
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(function () {
        button.textContent = "Link copied";
        button.setAttribute("aria-live", "polite");
      });
    });
  });
})();
