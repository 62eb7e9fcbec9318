/** Saves text as a file through a Blob URL and <a download>: no downloads permission, nothing leaves the device. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: the browser reads the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
