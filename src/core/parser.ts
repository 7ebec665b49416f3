// Builds the notes model from text: which lines start talks, which headings are sections, and each talk's
// speaker, role and company in whatever layout the author used. The passes live in ./parse/.
export { parseNotes, parseNotesInSlices, type ParseOptions, type ParseSliceOptions } from './parse/driver';
