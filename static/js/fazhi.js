// Small behaviours that would otherwise be inline handlers (the Content-Security-Policy forbids inline scripts).
//   <select data-autosubmit>              submits its form when its value changes (e.g. the language switch)
//   <select data-copy-to="reply">         copies its value into the form field named "reply" when it changes
document.addEventListener("change", function (event) {
  var el = event.target;
  if (!el || !el.matches || !el.form) {
    return;
  }
  if (el.matches("[data-copy-to]")) {
    var target = el.form.elements[el.getAttribute("data-copy-to")];
    if (target) {
      target.value = el.value;
    }
  }
  if (el.matches("[data-autosubmit]")) {
    el.form.submit();
  }
});
