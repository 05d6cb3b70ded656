// The AOS/LOS countdown of the selected spacecraft, always visible: in contact (LOS in ...) or the
// next planned contact (AOS in ...), by the global clock.
import type { Contact } from '../api/types.ts';
import { app, selectContact } from '../state/appStore.ts';
import { useStore } from '../state/createStore.ts';
import { useNow } from '../state/useNow.ts';
import { durationText } from './format.ts';

export function currentOrNextContact(contacts: readonly Contact[], spacecraft: string | null, nowMs: number): { contact: Contact; inContact: boolean } | undefined {
  let next: Contact | undefined;
  for (const c of contacts) {
    if (spacecraft !== null && c.spacecraft !== spacecraft) continue;
    const aos = Date.parse(c.aos);
    const los = Date.parse(c.los);
    if (aos <= nowMs && nowMs < los) return { contact: c, inContact: true };
    if (aos > nowMs && (next === undefined || aos < Date.parse(next.aos))) next = c;
  }
  return next === undefined ? undefined : { contact: next, inContact: false };
}

export function NextContact() {
  const now = useNow(500);
  const spacecraft = useStore(app, (s) => s.spacecraft);
  const contacts = useStore(app, (s) => s.contacts);
  const found = currentOrNextContact(contacts, spacecraft, now);
  if (found === undefined) return <span className="countdown">{spacecraft ?? ''}: no contact planned</span>;
  const { contact, inContact } = found;
  const text = inContact ? `LOS ${durationText(Date.parse(contact.los) - now)}` : `AOS ${durationText(Date.parse(contact.aos) - now)}`;
  return (
    <button type="button" className={`countdown ${inContact ? 'in-contact' : ''}`} data-testid="countdown" onClick={() => { selectContact(contact.id); }} title="Select this contact">
      <strong>{contact.spacecraft}</strong> {inContact ? '● ' : ''}{contact.station} {text}
    </button>
  );
}
