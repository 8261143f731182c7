/* A standard reply (常用答复) picked from the list fills the reply box; staff then adapt it. */
document.querySelectorAll("select[data-fill]").forEach(function (select) {
  select.addEventListener("change", function () {
    var target = select.form.elements.namedItem(select.dataset.fill);
    if (target && select.value) target.value = select.value;
  });
});
