// Global keyboard shortcuts: chords with a modifier ("mod+k": ⌘K on a Mac, Ctrl+K elsewhere), single
// keys ("?") and two-key sequences ("g m", as in GitHub or Linear). Shortcuts without a modifier never
// fire while the user types in a field, and none fire behind an open dialog except those that allow it.
import { useEffect, useRef } from 'react';

export interface Hotkey {
  keys: string;
  handler: (event: KeyboardEvent) => void;
  /** Also while a modal dialog is open (the palette's own toggle). */
  whenModalOpen?: boolean;
}

const SEQUENCE_TIMEOUT_MS = 1200;

export function isMacLike(): boolean {
  return typeof navigator !== 'undefined' && /mac|iphone|ipad|ipod/i.test(navigator.platform || navigator.userAgent);
}

/** How a shortcut is written for people on this platform ("⌘ K", "Ctrl K", "G then M"). */
export function describeKeys(keys: string): string[] {
  if (keys.includes(' ')) return keys.split(' ').map((k) => k.toUpperCase());
  return keys
    .split('+')
    .map((k) => (k === 'mod' ? (isMacLike() ? '⌘' : 'Ctrl') : k.length === 1 ? k.toUpperCase() : k));
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

function modalOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"], [role="alertdialog"]') !== null;
}

function matchesChord(keys: string, event: KeyboardEvent): boolean {
  const parts = keys.split('+');
  const key = parts[parts.length - 1]!;
  const wantsMod = parts.includes('mod');
  const mod = event.metaKey || event.ctrlKey;
  if (wantsMod !== mod || event.altKey) return false;
  return event.key.toLowerCase() === key.toLowerCase();
}

export function useHotkeys(hotkeys: Hotkey[]): void {
  const latest = useRef(hotkeys);
  useEffect(() => {
    latest.current = hotkeys;
  });

  useEffect(() => {
    let pending: { key: string; at: number } | null = null;

    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const typing = isTyping(event.target);
      const modal = modalOpen();
      const now = Date.now();
      const previous = pending && now - pending.at < SEQUENCE_TIMEOUT_MS ? pending.key : null;
      pending = null;

      for (const hotkey of latest.current) {
        if (modal && !hotkey.whenModalOpen) continue;
        if (hotkey.keys.includes(' ')) {
          const [first, second] = hotkey.keys.split(' ');
          if (typing || event.metaKey || event.ctrlKey || event.altKey) continue;
          if (previous === first && event.key.toLowerCase() === second) {
            event.preventDefault();
            hotkey.handler(event);
            return;
          }
          continue;
        }
        const hasModifier = hotkey.keys.includes('mod+');
        if (typing && !hasModifier) continue;
        if (matchesChord(hotkey.keys, event)) {
          event.preventDefault();
          hotkey.handler(event);
          return;
        }
      }
      // Remember a possible first key of a sequence.
      if (!typing && !event.metaKey && !event.ctrlKey && !event.altKey && event.key.length === 1) {
        pending = { key: event.key.toLowerCase(), at: now };
      }
    }

    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
