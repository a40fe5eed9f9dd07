// The thanks page's copy button: copies the paragraph as shown (HTML, with its bold) and as
// plain text. Without this script the button stays hidden and the boxes below serve.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("copy-thanks");
  const source = document.getElementById("thanks-html");
  const status = document.getElementById("copy-status");
  if (!button || !source) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const html = source.innerHTML.trim();
    const text = source.innerText.trim();
    try {
      await navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" }),
      })]);
    } catch (error) {
      // No asynchronous clipboard (plain http, an older browser): copy the selection.
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand("copy");
      selection.removeAllRanges();
    }
    status.textContent = "Paragraphe copié.";
  });
});
