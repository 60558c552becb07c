// Marsad's only script: the print button of the yearly balance. Everything else works
// without JavaScript.
document.addEventListener("click", function (e) {
  var t = e.target.closest("[data-print]");
  if (t) {
    e.preventDefault();
    window.print();
  }
});
