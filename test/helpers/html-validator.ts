import { HtmlValidate } from 'html-validate';

/** html-validate's recommended rules, as every test that validates built pages applies them. */
export const pageValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // `<!doctype html>` in lower case is what the HTML standard itself writes; case is style only.
    'doctype-style': 'off',
    // Blank lines left by template indentation are invisible to readers and harmless.
    'no-trailing-whitespace': 'off',
    // Titles are "<incident title> · <page> Status": their length follows what staff write.
    'long-title': 'off',
    // The uptime bars are an <ol> named with aria-label; a list may be named (ARIA role "list").
    'aria-label-misuse': ['error', { allowAnyNamable: true }],
  },
});
