// A conference schedule as every reader returns it, whatever the format it came in. Pure data.

export type ScheduleFormat = 'frab-xml' | 'c3voc-json' | 'pretalx-json' | 'sessionize-json' | 'icalendar' | 'csv';

/** A wall-clock time where the session happens, with its UTC offset when the format gives one. */
export interface LocalDateTime {
  /** YYYY-MM-DD, the calendar date (an event at 01:00 after the day's last talk has the next date). */
  date: string;
  /** HH:MM, 24 hours. */
  time: string;
  /** `+01:00`, `-05:00`, `+00:00`; absent when the format gives a floating local time (Sessionize, most CSV). */
  offset?: string;
}

export interface ScheduleSpeaker {
  name: string;
  company?: string;
}

export interface ScheduleSession {
  /** The format's own id (frab event id, pretalx code, Sessionize id, iCalendar UID); unique in the schedule. */
  id: string;
  title: string;
  subtitle?: string;
  /** One entry per person, in the schedule's order. */
  speakers: ScheduleSpeaker[];
  start?: LocalDateTime;
  /** When the source gives a time that cannot be dated (a CSV with only a weekday): shown as written. */
  when?: string;
  durationMinutes?: number;
  room?: string;
  track?: string;
  type?: string;
  /** Plain text: HTML tags and entities removed, Markdown left as written. */
  abstract?: string;
  url?: string;
  /** The conference day the schedule files it under (after-midnight events stay on the evening's day), YYYY-MM-DD. */
  day?: string;
  /** A break, meal, party or the like: nobody speaks and there is nothing to take notes on. */
  isBreak: boolean;
}

export interface ScheduleConference {
  name?: string;
  /** YYYY-MM-DD. */
  start?: string;
  end?: string;
  /** IANA name when the format gives one (`Europe/Berlin`). */
  timeZone?: string;
  url?: string;
}

export interface Schedule {
  format: ScheduleFormat;
  conference: ScheduleConference;
  /** In the order of the source; use `sessionsInTimeOrder` for notes. */
  sessions: ScheduleSession[];
}

/** Why a text is not a schedule this import reads: one line for the user. */
export class ScheduleError extends Error {}
