/* The visit form's household picker. A grid has hundreds or thousands of households, so the page never lists them:
 * the search box asks the same page for its `household_results` partial (htmx) and a picked result fills the hidden
 * `household` input (the pk the server validates) and the read-only label beside it. Both are named fields of the
 * visit form, so drafts.js keeps them in an offline draft. Without JavaScript (or htmx) the search and the result
 * links reload the page instead. */
(function () {
  var form = document.querySelector("form[data-draft=visit]");
  var search = document.getElementById("household-q");
  if (!form || !search) return;
  var hidden = form.elements.namedItem("household");
  var label = form.elements.namedItem("household_label");

  function runSearch(event) {
    if (!window.htmx) return; // let the search form reload the page
    event.preventDefault();
    window.htmx.trigger(search, "household-search");
  }
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") runSearch(event);
  });
  var button = document.querySelector("[data-household-search]");
  if (button) button.addEventListener("click", runSearch);

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-household-pk]");
    if (!link || !hidden || !label) return;
    event.preventDefault();
    hidden.value = link.dataset.householdPk;
    label.value = link.dataset.householdLabel;
    label.classList.remove("is-invalid");
    document.querySelectorAll("[data-household-error]").forEach(function (el) { el.remove(); });
    // drafts.js saves the draft on "input"; a value set by a script fires none.
    hidden.dispatchEvent(new Event("input", { bubbles: true }));
    var results = document.getElementById("household-results");
    if (results) results.replaceChildren();
    search.value = "";
  });

  // drafts.js resets the form after queueing an offline draft: the next visit starts without a household
  // (a hidden input keeps its value through reset(), so clear it once the reset is done).
  form.addEventListener("reset", function () {
    setTimeout(function () {
      if (hidden) hidden.value = "";
      if (label) label.value = "";
    }, 0);
  });
})();
