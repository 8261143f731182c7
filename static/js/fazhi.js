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

//   <button data-insert="【名称】" data-target="id">  inserts its text at the cursor of the textarea #id, and lets the
//                                                   textarea's form know (an input event: the live preview follows)
//   <button data-confirm="问题？">                  asks before it submits its form
document.addEventListener("click", function (event) {
  var el = event.target && event.target.closest ? event.target.closest("[data-insert], [data-confirm]") : null;
  if (!el) {
    return;
  }
  if (el.hasAttribute("data-confirm")) {
    if (!window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
    return;
  }
  var area = document.getElementById(el.getAttribute("data-target"));
  if (!area) {
    return;
  }
  insertAtCursor(area, el.getAttribute("data-insert"));
});

// Where the author last left the cursor; a textarea never focused takes the insertion at its end.
document.addEventListener("focusin", function (event) {
  if (event.target && event.target.tagName === "TEXTAREA") {
    event.target.setAttribute("data-cursor", "1");
  }
});

function insertAtCursor(area, text) {
  var start = area.selectionStart, end = area.selectionEnd;
  if (typeof start !== "number" || !area.hasAttribute("data-cursor")) {
    start = end = area.value.length;
  }
  area.value = area.value.slice(0, start) + text + area.value.slice(end);
  area.focus();
  area.setSelectionRange(start + text.length, start + text.length);
  area.dispatchEvent(new Event("input", { bubbles: true }));
}
