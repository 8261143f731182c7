// The search box of a choice among many (fazhi/core/widgets.py, components/search_select.html): htmx fills the
// results as the user types; a click on one puts its pk in the hidden input and its name in the box.
document.addEventListener("click", function (event) {
  var pick = event.target && event.target.closest ? event.target.closest("[data-pick]") : null;
  var box = pick ? pick.closest("[data-search-select]") : null;
  if (!box) {
    return;
  }
  box.querySelector("[data-search-value]").value = pick.getAttribute("data-pick");
  box.querySelector("[data-search-text]").value = pick.getAttribute("data-label");
  box.querySelector("[data-search-results]").innerHTML = "";
});

// Typing again drops the choice, so the pk posted is always the one whose name the box shows.
document.addEventListener("input", function (event) {
  var text = event.target;
  if (text && text.matches && text.matches("[data-search-text]")) {
    text.closest("[data-search-select]").querySelector("[data-search-value]").value = "";
  }
});
