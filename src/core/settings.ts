// Settings the core needs, with the same defaults as package.json's `conferenceNotes.*`.

export interface NotesSettings {
  /** Globs (workspace-relative, `/`-separated) of files that are always notes. */
  include: string[];
  /** Globs of files that are never notes; wins over everything else. */
  exclude: string[];
  /** Heading texts (case-insensitive, `*` allowed) that are sections, never talks. */
  nonTalkSections: string[];
}

export const DEFAULT_NON_TALK_SECTIONS: readonly string[] = [
  'Intro', 'Introduction', 'Disclaimer', 'Preface', 'About', 'About these notes', 'Overview', 'Summary',
  'Conclusion', 'Conclusions', 'Wrap up', 'Wrap-up', 'Takeaways', 'Key takeaways', 'Links', 'Resources',
  'References', 'Agenda', 'Schedule', 'Contents', 'Table of contents', 'TOC', 'Keynotes', 'Lightning talks',
  'Workshops', 'Sponsors', 'Venue', 'Travel', 'Food', 'Lunch', 'Break', 'Morning', 'Afternoon', 'Evening',
  'Day *', 'Track *', 'Notes', 'General notes', 'Misc', 'Miscellaneous', 'Other', 'Thoughts', 'Final thoughts',
  'TODO', 'Todo', 'Follow up', 'Follow-up', 'Next steps',
];

export const DEFAULT_SETTINGS: NotesSettings = {
  include: [],
  exclude: ['**/node_modules/**', '**/CHANGELOG.md', '**/LICENSE.md'],
  nonTalkSections: [...DEFAULT_NON_TALK_SECTIONS],
};
