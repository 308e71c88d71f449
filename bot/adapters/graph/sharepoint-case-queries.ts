/**
 * The read side of the SharePoint case log: lists of cases (newest first, or by deadline), a partner
 * agency's requests, a case's requests and bookings. Every query filters on indexed columns server-side
 * and pages with a keyset cursor, so it keeps working past the list view threshold (5,000 items).
 */
import type { AgencyRequest, CaseProjection, CaseQuery, Page, PanelBooking } from '../../store/case-log';
import {
  decodeCursor,
  decodeDeadlineCursor,
  decodeRequestCursor,
  encodeCursor,
  NO_DEADLINE,
  pageLimit,
} from '../../store/paging';
import { normalizeReference } from '../../store/references';
import {
  BOOKING_FIELDS,
  bookingFromFields,
  CASE_FIELDS,
  caseFromFields,
  MEMBER_FIELDS,
  memberFromFields,
  REQUEST_FIELDS,
  requestFromFields,
} from './list-fields';
import { and, eq, or, where } from './odata';
import type { SharePointLists } from './sharepoint-list';

export class SharePointCaseQueries {
  constructor(protected readonly l: SharePointLists) {}

  async findByReference(reference: string): Promise<CaseProjection | null> {
    const canonical = normalizeReference(reference);
    if (!canonical) return null;
    const item = await this.l.cases.first({ select: CASE_FIELDS, filter: eq('Reference', canonical) });
    if (!item) return null;
    const c = caseFromFields(item.fields);
    return c.state === 'purging' ? null : c.projection;
  }

  async listCases(query: CaseQuery = {}): Promise<Page<CaseProjection>> {
    const limit = pageLimit(query.limit);
    const filters: string[] = [];
    if (query.reference !== undefined) {
      const canonical = normalizeReference(query.reference);
      if (!canonical) return { items: [], next: null };
      filters.push(eq('Reference', canonical));
    }
    if (query.status !== undefined) filters.push(eq('CaseStatus', query.status));
    if (query.spoc !== undefined) filters.push(eq('Spoc', query.spoc));
    if (query.state !== undefined) filters.push(eq('CaseState', query.state));
    if (query.orderBy === 'deadline') return this.listByDeadline(query, filters, limit);
    let after = decodeCursor(query.cursor);
    const rows: { projection: CaseProjection; caseNumber: number }[] = [];

    if (query.agencyId === undefined) {
      if (after !== null) filters.push(where('CaseNumber', 'lt', after));
      const page = await this.l.cases.page({
        select: CASE_FIELDS,
        filter: filters.length ? and(...filters) : undefined,
        orderBy: [{ field: 'CaseNumber', desc: true }],
        top: limit + 1,
      });
      for (const i of page.items) {
        const c = caseFromFields(i.fields);
        if (c.state !== 'purging') rows.push(c);
      }
    } else {
      // A partner's list: walk its case-agency items (indexed), then read those cases and apply the
      // remaining filters to them on the server, a page at a time.
      for (;;) {
        const members = await this.l.caseAgencies.page({
          select: MEMBER_FIELDS,
          filter: and(
            eq('AgencyId', query.agencyId),
            ...(after !== null ? [where('CaseNumber', 'lt', after)] : []),
          ),
          orderBy: [{ field: 'CaseNumber', desc: true }],
          top: limit + 1,
        });
        const numbers = members.items.map((m) => memberFromFields(m.fields));
        if (numbers.length === 0) break;
        const cases = await this.l.cases.all({
          select: CASE_FIELDS,
          filter: and(or(...numbers.map((m) => eq('CaseId', m.caseId))), ...filters),
        });
        const found = new Map(
          cases.map((i) => caseFromFields(i.fields)).map((c) => [c.projection.caseId, c]),
        );
        for (const m of numbers) {
          const c = found.get(m.caseId);
          if (c && c.state !== 'purging') rows.push(c);
          if (rows.length > limit) break;
        }
        if (rows.length > limit || numbers.length <= limit) break;
        after = numbers[numbers.length - 1]!.caseNumber;
      }
    }
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => r.projection),
      next: rows.length > limit && last ? encodeCursor(last.caseNumber) : null,
    };
  }

  /**
   * Soonest deadline first. Without an agency this is a server-side ordered, keyset-paged query on two
   * indexed columns. A partner's list goes through its case-agency items (which carry no deadline), so
   * those cases are read and sorted here: one agency is on far fewer cases than the list holds.
   */
  private async listByDeadline(
    query: CaseQuery,
    filters: string[],
    limit: number,
  ): Promise<Page<CaseProjection>> {
    const after = decodeDeadlineCursor(query.cursor);
    const key = (r: { projection: CaseProjection }) => r.projection.nextDeadline ?? NO_DEADLINE;
    let rows: { projection: CaseProjection; caseNumber: number }[] = [];
    if (query.agencyId === undefined) {
      if (after)
        filters.push(
          or(
            where('NextDeadline', 'gt', after[0]),
            and(eq('NextDeadline', after[0]), where('CaseNumber', 'lt', after[1])),
          ),
        );
      const page = await this.l.cases.page({
        select: CASE_FIELDS,
        filter: filters.length ? and(...filters) : undefined,
        orderBy: [{ field: 'NextDeadline' }, { field: 'CaseNumber', desc: true }],
        top: limit + 1,
      });
      rows = page.items.map((i) => caseFromFields(i.fields)).filter((c) => c.state !== 'purging');
    } else {
      const members = await this.l.caseAgencies.all({
        select: MEMBER_FIELDS,
        filter: eq('AgencyId', query.agencyId),
      });
      const ids = members.map((m) => memberFromFields(m.fields).caseId);
      for (let i = 0; i < ids.length; i += 20) {
        const cases = await this.l.cases.all({
          select: CASE_FIELDS,
          filter: and(or(...ids.slice(i, i + 20).map((id) => eq('CaseId', id))), ...filters),
        });
        rows.push(...cases.map((c) => caseFromFields(c.fields)).filter((c) => c.state !== 'purging'));
      }
      rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : b.caseNumber - a.caseNumber));
      if (after)
        rows = rows.filter((r) => key(r) > after[0] || (key(r) === after[0] && r.caseNumber < after[1]));
    }
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => r.projection),
      next: rows.length > limit && last ? encodeCursor([key(last), last.caseNumber]) : null,
    };
  }

  async agencyRequests(
    agencyId: string,
    options: { outstandingOnly?: boolean; limit?: number; cursor?: string } = {},
  ): Promise<Page<AgencyRequest>> {
    const limit = pageLimit(options.limit);
    const after = decodeRequestCursor(options.cursor);
    const filters = [eq('AgencyId', agencyId)];
    if (options.outstandingOnly) filters.push(eq('RequestStatus', 'requested'));
    if (after)
      filters.push(
        or(where('DueOn', 'gt', after[0]), and(eq('DueOn', after[0]), where('RequestId', 'gt', after[1]))),
      );
    const page = await this.l.agencyRequests.page({
      select: REQUEST_FIELDS,
      filter: and(...filters),
      orderBy: [{ field: 'DueOn' }, { field: 'RequestId' }],
      top: limit + 1,
    });
    const rows = page.items.map((i) => requestFromFields(i.fields));
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? encodeCursor([last.dueOn, last.requestId]) : null };
  }

  async caseRequests(caseId: string): Promise<AgencyRequest[]> {
    const items = await this.l.agencyRequests.all({ select: REQUEST_FIELDS, filter: eq('CaseId', caseId) });
    return items
      .map((i) => requestFromFields(i.fields))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.requestId.localeCompare(b.requestId));
  }

  async caseBookings(caseId: string): Promise<PanelBooking[]> {
    const items = await this.l.bookings.all({ select: BOOKING_FIELDS, filter: eq('CaseId', caseId) });
    return items
      .map((i) => bookingFromFields(i.fields))
      .sort((a, b) => a.start.localeCompare(b.start) || a.bookingId.localeCompare(b.bookingId));
  }
}
