// The browser's own validation bubbles speak the browser's language (English in an English browser):
// every form leaves checking to the server, whose messages are Chinese and sit beside the field.
(function () {
  function noBrowserValidation(root) {
    if (root.tagName === "FORM") root.noValidate = true;
    root.querySelectorAll?.("form").forEach((form) => { form.noValidate = true; });
  }
  noBrowserValidation(document);
  document.addEventListener("htmx:load", (e) => noBrowserValidation(e.target));
})();
