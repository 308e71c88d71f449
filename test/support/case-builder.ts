import type { Application, CaseEvent, EventType, PayloadOf } from '../../shared';

/** An application with `n` incidents, each reported to the police a few days after it happened. */
export function sampleApplication(
  receivedOn: string,
  incidentDates: string[],
  overrides: Partial<Application> = {},
): Application {
  return {
    receivedOn,
    applicant: { relationship: 'victim', consentGiven: true, anonymous: false },
    victim: { kind: 'individual', vulnerable: false },
    incidents: incidentDates.map((occurredOn, i) => ({
      id: `inc-${i + 1}`,
      occurredOn,
      reports: [{ agency: 'police', reportedOn: occurredOn, kind: 'report' as const }],
    })),
    ...overrides,
  };
}

/**
 * Builds a case's events in order. Each event is recorded at noon UTC on `on` (the business date), by the
 * SPOC unless said otherwise; ids are stable so tests can replay and repeat them.
 */
export class CaseBuilder {
  readonly events: CaseEvent[] = [];
  private n = 0;

  constructor(private readonly prefix = 'e') {}

  add<T extends EventType>(type: T, on: string, payload: PayloadOf<T>, actor = 'spoc-1'): CaseEvent {
    this.n += 1;
    const event = {
      id: `${this.prefix}-${this.n}`,
      type,
      actor,
      at: `${on}T12:00:00Z`,
      payload,
    } as CaseEvent;
    this.events.push(event);
    return event;
  }

  /** The next event without adding it, to test what is refused. */
  peek<T extends EventType>(type: T, on: string, payload: PayloadOf<T>, actor = 'spoc-1'): CaseEvent {
    return {
      id: `${this.prefix}-peek-${this.n + 1}`,
      type,
      actor,
      at: `${on}T12:00:00Z`,
      payload,
    } as CaseEvent;
  }

  received(
    receivedOn: string,
    agencies: string[],
    incidentDates = ['2026-01-05', '2026-01-20', '2026-02-10'],
  ): this {
    this.add('application-received', receivedOn, {
      receivedOn,
      channel: 'email',
      application: sampleApplication(receivedOn, incidentDates),
      spoc: 'spoc-1',
      agencies,
    });
    return this;
  }

  decided(on: string, outcome: 'met' | 'not-met' | 'ineligible' = 'met'): this {
    this.add('threshold-decided', on, {
      decidedOn: on,
      notifiedOn: on,
      outcome,
      ...(outcome === 'met' ? { route: 'count' as const } : {}),
      advisedOutcome: outcome,
      reasons: [],
      decidedBy: 'spoc-1',
    });
    return this;
  }
}

export const member = (agencyId: string, name = `Member of ${agencyId}`) => ({
  name,
  agencyId,
  role: 'member' as const,
});
