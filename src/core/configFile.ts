/** The workspace file of lint settings (rules, locale, words), read by the server and the CLI; its own module so a
 * client that only names it (the extension's add-to-dictionary) does not load the rules. */
export const CONFIG_FILE_NAME = '.conference-notes.json';
