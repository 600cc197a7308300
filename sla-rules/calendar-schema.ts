/**
 * The business calendar schema, shared by OLA policy documents and the partner API. NOT workflow-safe: it checks
 * holiday regions with date-holidays. Named schemas (`.openapi`) keep their names in the OpenAPI document.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import Holidays from 'date-holidays';
import { z } from 'zod';
import { weekdays } from './types.js';

extendZodWithOpenApi(z);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (24-hour)');
const WorkingPeriod = z
  .object({ start: hhmm, end: hhmm })
  .refine((p) => p.start < p.end, { message: 'start must be before end', path: ['end'] })
  .openapi('WorkingPeriod');

const holidayRegions = new Holidays();
function isHolidayRegion(region: string): boolean {
  const [country, state] = region.split('-');
  if (!country || !holidayRegions.getCountries()[country]) return false;
  return state === undefined || !!holidayRegions.getStates(country)?.[state];
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const officeHours = [{ start: '09:00', end: '17:30' }];

/** A business calendar: working periods per weekday in a time zone, public holidays of a region, closures. */
export const BusinessCalendarSchema = z
  .object({
    timeZone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/London')
      .openapi({ example: 'Europe/London' }),
    workingHours: z
      .object(
        Object.fromEntries(weekdays.map((d) => [d, z.array(WorkingPeriod).max(4)])) as Record<
          (typeof weekdays)[number],
          z.ZodArray<typeof WorkingPeriod>
        >,
      )
      .default({
        mon: officeHours,
        tue: officeHours,
        wed: officeHours,
        thu: officeHours,
        fri: officeHours,
        sat: [],
        sun: [],
      }),
    holidayRegion: z
      .string()
      .refine(isHolidayRegion, 'must be a date-holidays region such as GB-ENG or US-NY')
      .optional()
      .openapi({ example: 'GB-ENG' }),
    closures: z.array(z.iso.date()).max(366).default([]).openapi({ description: 'Partner-specific closure dates' }),
  })
  .openapi('BusinessCalendar');
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;
