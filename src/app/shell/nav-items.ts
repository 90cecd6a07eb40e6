import {
  Building,
  Building2,
  ClipboardList,
  Contact,
  House,
  ListTodo,
  KanbanSquare,
  LifeBuoy,
  Mail,
  Magnet,
  Megaphone,
  Gauge,
  ScrollText,
  Send,
  SlidersHorizontal,
  Timer,
  UserRound,
  Users,
  type LucideIcon,
} from 'lucide-react';
import type { Permission } from '@/lib/roles.ts';

export interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
  /** Two-key sequence that jumps here (see lib/hotkeys.ts). */
  shortcut: string;
  section: 'main' | 'settings' | 'account';
  /** Hidden from roles without it (the database refuses them anyway). */
  permission?: Permission;
  keywords?: string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Home', icon: House, shortcut: 'g h', section: 'main', keywords: ['dashboard', 'start'] },
  {
    to: '/my-day',
    label: 'My day',
    icon: ListTodo,
    shortcut: 'g w',
    section: 'main',
    keywords: ['tasks', 'to do', 'todo', 'reminders', 'agenda'],
  },
  {
    to: '/accounts',
    label: 'Accounts',
    icon: Building,
    shortcut: 'g c',
    section: 'main',
    keywords: ['customers', 'suppliers', 'companies', 'parties', 'import'],
  },
  {
    to: '/contacts',
    label: 'Contacts',
    icon: Contact,
    shortcut: 'g n',
    section: 'main',
    keywords: ['people', 'persons'],
  },
  {
    to: '/leads',
    label: 'Leads',
    icon: Magnet,
    shortcut: 'g e',
    section: 'main',
    permission: 'leads.read',
    keywords: ['prospects', 'scoring', 'convert', 'inbound'],
  },
  {
    to: '/deals',
    label: 'Deals',
    icon: KanbanSquare,
    shortcut: 'g d',
    section: 'main',
    permission: 'deals.read',
    keywords: ['pipeline', 'board', 'kanban', 'opportunities', 'sales'],
  },
  {
    to: '/tickets',
    label: 'Support tickets',
    icon: LifeBuoy,
    shortcut: 'g t',
    section: 'main',
    permission: 'tickets.read',
    keywords: ['support', 'helpdesk', 'sla', 'queue', 'cases'],
  },
  {
    to: '/campaigns',
    label: 'Campaigns',
    icon: Megaphone,
    shortcut: 'g k',
    section: 'main',
    permission: 'deals.read',
    keywords: ['marketing', 'attribution', 'budget', 'roi', 'members'],
  },
  {
    to: '/purchase-orders',
    label: 'Purchase orders',
    icon: ClipboardList,
    shortcut: 'g b',
    section: 'main',
    permission: 'purchasing.read',
    keywords: ['purchasing', 'suppliers', 'vendors', 'receipts', 'goods receipt', 'bills', 'po'],
  },
  {
    to: '/settings/pipelines',
    label: 'Pipelines',
    icon: SlidersHorizontal,
    shortcut: 'g l',
    section: 'settings',
    permission: 'pipelines.manage',
    keywords: ['stages', 'probability', 'deal board'],
  },
  {
    to: '/settings/leads',
    label: 'Lead scoring',
    icon: Gauge,
    shortcut: 'g r',
    section: 'settings',
    permission: 'leads.read',
    keywords: ['scoring', 'rules', 'points', 'rotation', 'round robin', 'assignment'],
  },
  {
    to: '/settings/sla',
    label: 'Support SLAs',
    icon: Timer,
    shortcut: 'g y',
    section: 'settings',
    permission: 'tickets.read',
    keywords: ['sla', 'service level', 'response time', 'resolution time', 'business hours', 'support'],
  },
  {
    to: '/settings/organization',
    label: 'Organisation settings',
    icon: Building2,
    shortcut: 'g s',
    section: 'settings',
    keywords: ['currency', 'time zone', 'locale', 'fiscal year'],
  },
  {
    to: '/settings/members',
    label: 'Members',
    icon: Users,
    shortcut: 'g m',
    section: 'settings',
    permission: 'members.manage',
    keywords: ['team', 'people', 'roles', 'users'],
  },
  {
    to: '/settings/invitations',
    label: 'Invitations',
    icon: Mail,
    shortcut: 'g i',
    section: 'settings',
    permission: 'members.manage',
    keywords: ['pending', 'invite'],
  },
  {
    to: '/settings/audit-log',
    label: 'Audit log',
    icon: ScrollText,
    shortcut: 'g a',
    section: 'settings',
    permission: 'audit.read',
    keywords: ['history', 'changes', 'activity'],
  },
  {
    to: '/settings/outbox',
    label: 'E-mail outbox',
    icon: Send,
    shortcut: 'g o',
    section: 'settings',
    permission: 'outbox.read',
    keywords: ['mail', 'delivery', 'email'],
  },
  {
    to: '/profile',
    label: 'Profile',
    icon: UserRound,
    shortcut: 'g p',
    section: 'account',
    keywords: ['account', 'name', 'password'],
  },
];

export const GENERAL_SHORTCUTS = [
  { keys: 'mod+k', label: 'Open the command palette' },
  { keys: '?', label: 'Show keyboard shortcuts' },
] as const;
