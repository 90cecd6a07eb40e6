import type { RouteObject } from 'react-router';
import { Navigate } from 'react-router';
import { PageSpinner } from '@/components/spinner.tsx';
import { RedirectIfSignedIn, RequireAuth } from '@/app/auth-guard.tsx';
import { NotFound } from '@/app/not-found.tsx';
import { RouteError } from '@/app/route-error.tsx';
import { RequirePermission } from '@/app/require-permission.tsx';

/**
 * Every page is a lazy route, and so is the app shell, so the first load carries only the router, the
 * guards and supabase-js. The guards stay eager because they decide what loads next.
 */
export const appRoutes: RouteObject[] = [
  {
    path: '/',
    HydrateFallback: PageSpinner,
    ErrorBoundary: RouteError,
    children: [
      {
        Component: RedirectIfSignedIn,
        children: [
          {
            path: 'sign-in',
            lazy: async () => ({
              Component: (await import('@/features/auth/components/sign-in-page.tsx')).SignInPage,
            }),
          },
          {
            path: 'sign-up',
            lazy: async () => ({
              Component: (await import('@/features/auth/components/sign-up-page.tsx')).SignUpPage,
            }),
          },
          {
            path: 'forgot-password',
            lazy: async () => ({
              Component: (await import('@/features/auth/components/forgot-password-page.tsx')).ForgotPasswordPage,
            }),
          },
        ],
      },
      // Reached from e-mails with a session in the URL fragment: never redirected away for being signed in.
      {
        path: 'reset-password',
        lazy: async () => ({
          Component: (await import('@/features/auth/components/reset-password-page.tsx')).ResetPasswordPage,
        }),
      },
      {
        path: 'invitations/accept',
        lazy: async () => {
          const [{ AcceptInvitationPage }, { NewPasswordForm }] = await Promise.all([
            import('@/features/invitations/components/accept-invitation-page.tsx'),
            import('@/features/auth/components/new-password-form.tsx'),
          ]);
          return { Component: () => <AcceptInvitationPage PasswordForm={NewPasswordForm} /> };
        },
      },
      {
        Component: RequireAuth,
        children: [
          {
            path: 'organizations/new',
            lazy: async () => ({
              Component: (await import('@/features/organizations/components/create-organization-page.tsx'))
                .CreateOrganizationPage,
            }),
          },
          {
            lazy: async () => ({ Component: (await import('@/app/shell/app-shell.tsx')).AppShell }),
            children: [
              {
                index: true,
                lazy: async () => {
                  const [{ HomePage }, { RoleDashboard }] = await Promise.all([
                    import('@/features/home/components/home-page.tsx'),
                    import('@/features/dashboards/components/dashboard-view.tsx'),
                  ]);
                  return { Component: () => <HomePage dashboard={<RoleDashboard />} /> };
                },
              },
              {
                element: <RequirePermission permission="targets.read" title="Sales targets" />,
                children: [
                  {
                    path: 'dashboards/targets',
                    lazy: async () => ({
                      Component: (await import('@/features/dashboards/components/targets-page.tsx')).TargetsPage,
                    }),
                  },
                ],
              },
              {
                path: 'dashboards/:kind',
                lazy: async () => ({
                  Component: (await import('@/features/dashboards/components/dashboard-view.tsx')).DashboardPage,
                }),
              },
              {
                path: 'my-day',
                lazy: async () => ({
                  Component: (await import('@/features/tasks/components/my-day-page.tsx')).MyDayPage,
                }),
              },
              {
                path: 'profile',
                lazy: async () => ({
                  Component: (await import('@/features/profile/components/profile-page.tsx')).ProfilePage,
                }),
              },
              {
                path: 'accounts',
                lazy: async () => ({
                  Component: (await import('@/features/accounts/components/accounts-page.tsx')).AccountsPage,
                }),
              },
              {
                path: 'accounts/:accountId',
                lazy: async () => {
                  const [{ AccountPage }, { RecordActivity }, { OrgAttachments }, { Customer360Panel }] =
                    await Promise.all([
                      import('@/features/accounts/components/account-page.tsx'),
                      import('@/app/record-activity.tsx'),
                      import('@/app/org-attachments.tsx'),
                      import('@/features/invoicing/index.ts'),
                    ]);
                  return {
                    Component: () => (
                      <AccountPage
                        overview={(accountId) => <Customer360Panel accountId={accountId} />}
                        timeline={(accountId) => <RecordActivity record={{ account_id: accountId }} />}
                        attachments={(accountId, canEdit) => (
                          <OrgAttachments entity="accounts" recordId={accountId} canEdit={canEdit} />
                        )}
                      />
                    ),
                  };
                },
              },
              {
                path: 'contacts',
                lazy: async () => ({
                  Component: (await import('@/features/accounts/components/contacts-page.tsx')).ContactsPage,
                }),
              },
              {
                path: 'contacts/:contactId',
                lazy: async () => {
                  const [{ ContactPage }, { RecordActivity }] = await Promise.all([
                    import('@/features/accounts/components/contact-page.tsx'),
                    import('@/app/record-activity.tsx'),
                  ]);
                  return {
                    Component: () => (
                      <ContactPage timeline={(contactId) => <RecordActivity record={{ contact_id: contactId }} />} />
                    ),
                  };
                },
              },
              {
                element: <RequirePermission permission="tickets.read" title="Support tickets" />,
                children: [
                  {
                    path: 'tickets',
                    lazy: async () => ({
                      Component: (await import('@/features/tickets/components/tickets-page.tsx')).TicketsPage,
                    }),
                  },
                  {
                    path: 'tickets/:ticketId',
                    lazy: async () => {
                      const [{ TicketPage }, { OrgAttachments }, { RecordActivity }] = await Promise.all([
                        import('@/features/tickets/components/ticket-page.tsx'),
                        import('@/app/org-attachments.tsx'),
                        import('@/app/record-activity.tsx'),
                      ]);
                      return {
                        Component: () => (
                          <TicketPage
                            attachments={(ticketId, canEdit) => (
                              <OrgAttachments entity="tickets" recordId={ticketId} canEdit={canEdit} />
                            )}
                            timeline={(ticketId) => <RecordActivity record={{ ticket_id: ticketId }} />}
                          />
                        ),
                      };
                    },
                  },
                ],
              },
              {
                element: <RequirePermission permission="leads.read" title="Leads" />,
                children: [
                  {
                    path: 'leads',
                    lazy: async () => ({
                      Component: (await import('@/features/leads/components/leads-page.tsx')).LeadsPage,
                    }),
                  },
                  {
                    path: 'leads/:leadId',
                    lazy: async () => {
                      const [{ LeadPage }, { RecordActivity }] = await Promise.all([
                        import('@/features/leads/components/lead-page.tsx'),
                        import('@/app/record-activity.tsx'),
                      ]);
                      return {
                        Component: () => (
                          <LeadPage timeline={(leadId) => <RecordActivity record={{ lead_id: leadId }} />} />
                        ),
                      };
                    },
                  },
                ],
              },
              {
                // Campaigns are read by every CRM reader (private.crm_reader_org_ids), as deals are.
                element: <RequirePermission permission="deals.read" title="Campaigns" />,
                children: [
                  {
                    path: 'campaigns',
                    lazy: async () => ({
                      Component: (await import('@/features/campaigns/components/campaigns-page.tsx')).CampaignsPage,
                    }),
                  },
                  {
                    path: 'campaigns/:campaignId',
                    lazy: async () => ({
                      Component: (await import('@/features/campaigns/components/campaign-page.tsx')).CampaignPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="deals.read" title="Deals" />,
                children: [
                  {
                    path: 'deals',
                    lazy: async () => ({
                      Component: (await import('@/features/deals/components/deal-board-page.tsx')).DealBoardPage,
                    }),
                  },
                  {
                    path: 'deals/list',
                    lazy: async () => ({
                      Component: (await import('@/features/deals/components/deal-list-page.tsx')).DealListPage,
                    }),
                  },
                  {
                    path: 'deals/:dealId',
                    lazy: async () => {
                      const [
                        { DealPage },
                        { RecordActivity },
                        { OrgAttachments },
                        { CreateSalesOrderButton },
                        { CreateProjectButton },
                      ] = await Promise.all([
                        import('@/features/deals/components/deal-page.tsx'),
                        import('@/app/record-activity.tsx'),
                        import('@/app/org-attachments.tsx'),
                        import('@/features/sales-orders/components/create-sales-order-button.tsx'),
                        import('@/features/projects/components/create-project-button.tsx'),
                      ]);
                      return {
                        Component: () => (
                          <DealPage
                            timeline={(dealId) => <RecordActivity record={{ deal_id: dealId }} />}
                            attachments={(dealId, canEdit) => (
                              <OrgAttachments entity="deals" recordId={dealId} canEdit={canEdit} />
                            )}
                            salesOrderAction={(deal) => (
                              <>
                                <CreateSalesOrderButton deal={deal} />
                                <CreateProjectButton deal={deal} />
                              </>
                            )}
                          />
                        ),
                      };
                    },
                  },
                ],
              },
              {
                element: <RequirePermission permission="salesOrders.read" title="Sales orders" />,
                children: [
                  {
                    path: 'sales-orders',
                    lazy: async () => ({
                      Component: (await import('@/features/sales-orders/components/sales-orders-page.tsx'))
                        .SalesOrdersPage,
                    }),
                  },
                  {
                    path: 'deliveries',
                    lazy: async () => ({
                      Component: (await import('@/features/sales-orders/components/deliveries-page.tsx'))
                        .DeliveriesPage,
                    }),
                  },
                  {
                    path: 'sales-orders/:orderId',
                    lazy: async () => ({
                      Component: (await import('@/features/sales-orders/components/sales-order-page.tsx'))
                        .SalesOrderPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="purchasing.read" title="Purchasing" />,
                children: [
                  {
                    path: 'purchase-orders',
                    lazy: async () => ({
                      Component: (await import('@/features/purchasing/components/purchase-orders-page.tsx'))
                        .PurchaseOrdersPage,
                    }),
                  },
                  {
                    path: 'purchase-orders/:poId',
                    lazy: async () => ({
                      Component: (await import('@/features/purchasing/components/purchase-order-page.tsx'))
                        .PurchaseOrderPage,
                    }),
                  },
                  {
                    path: 'suppliers/performance',
                    lazy: async () => ({
                      Component: (await import('@/features/purchasing/components/supplier-performance-page.tsx'))
                        .SupplierPerformancePage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="stock.read" title="Stock" />,
                children: [
                  {
                    path: 'stock',
                    lazy: async () => ({
                      Component: (await import('@/features/stock/components/stock-page.tsx')).StockPage,
                    }),
                  },
                  {
                    path: 'stock/counts',
                    lazy: async () => ({
                      Component: (await import('@/features/stock/components/stock-counts-page.tsx')).StockCountsPage,
                    }),
                  },
                  {
                    path: 'stock/counts/:countId',
                    lazy: async () => ({
                      Component: (await import('@/features/stock/components/stock-count-page.tsx')).StockCountPage,
                    }),
                  },
                  {
                    path: 'stock/valuation',
                    lazy: async () => ({
                      Component: (await import('@/features/stock/components/stock-valuation-page.tsx'))
                        .StockValuationPage,
                    }),
                  },
                  {
                    path: 'stock/alerts',
                    lazy: async () => ({
                      Component: (await import('@/features/stock/components/reorder-alerts-page.tsx'))
                        .ReorderAlertsPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="accounting.read" title="Accounting" />,
                children: [
                  { path: 'accounting', element: <Navigate to="/accounting/journal" replace /> },
                  {
                    path: 'accounting/accounts',
                    lazy: async () => ({
                      Component: (await import('@/features/accounting/components/chart-of-accounts-page.tsx'))
                        .ChartOfAccountsPage,
                    }),
                  },
                  {
                    path: 'accounting/journal',
                    lazy: async () => ({
                      Component: (await import('@/features/accounting/components/journal-page.tsx')).JournalPage,
                    }),
                  },
                  {
                    path: 'accounting/journal/:entryId',
                    lazy: async () => ({
                      Component: (await import('@/features/accounting/components/journal-entry-page.tsx'))
                        .JournalEntryPage,
                    }),
                  },
                  {
                    path: 'accounting/periods',
                    lazy: async () => ({
                      Component: (await import('@/features/accounting/components/fiscal-periods-page.tsx'))
                        .FiscalPeriodsPage,
                    }),
                  },
                  {
                    path: 'accounting/exchange-rates',
                    lazy: async () => ({
                      Component: (await import('@/features/accounting/components/exchange-rates-page.tsx'))
                        .ExchangeRatesPage,
                    }),
                  },
                  {
                    path: 'accounting/tax-rates',
                    lazy: async () => ({
                      Component: (await import('@/features/accounting/components/tax-rates-page.tsx')).TaxRatesPage,
                    }),
                  },
                  {
                    path: 'accounting/trial-balance',
                    lazy: async () => ({
                      Component: (await import('@/features/reports/components/trial-balance-page.tsx'))
                        .TrialBalancePage,
                    }),
                  },
                  {
                    path: 'accounting/profit-and-loss',
                    lazy: async () => ({
                      Component: (await import('@/features/reports/components/profit-and-loss-page.tsx'))
                        .ProfitAndLossPage,
                    }),
                  },
                  {
                    path: 'accounting/balance-sheet',
                    lazy: async () => ({
                      Component: (await import('@/features/reports/components/balance-sheet-page.tsx'))
                        .BalanceSheetPage,
                    }),
                  },
                  {
                    path: 'accounting/general-ledger',
                    lazy: async () => ({
                      Component: (await import('@/features/reports/components/general-ledger-page.tsx'))
                        .GeneralLedgerPage,
                    }),
                  },
                  {
                    path: 'accounting/tax-report',
                    lazy: async () => ({
                      Component: (await import('@/features/reports/components/tax-report-page.tsx')).TaxReportPage,
                    }),
                  },
                  {
                    path: 'bank',
                    lazy: async () => ({
                      Component: (await import('@/features/bank/components/bank-accounts-page.tsx')).BankAccountsPage,
                    }),
                  },
                  {
                    path: 'bank/:bankAccountId',
                    lazy: async () => ({
                      Component: (await import('@/features/bank/components/reconciliation-page.tsx'))
                        .ReconciliationPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="accounting.write" title="Journal entry" />,
                children: [
                  {
                    path: 'accounting/journal/new',
                    lazy: async () => ({
                      Component: (await import('@/features/accounting/components/new-journal-entry-page.tsx'))
                        .NewJournalEntryPage,
                    }),
                  },
                  {
                    path: 'accounting/journal/:entryId/edit',
                    lazy: async () => ({
                      Component: (await import('@/features/accounting/components/edit-journal-entry-page.tsx'))
                        .EditJournalEntryPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="invoices.read" title="Invoices" />,
                children: [
                  {
                    path: 'invoices',
                    lazy: async () => ({
                      Component: (await import('@/features/invoicing/components/invoices-page.tsx')).InvoicesPage,
                    }),
                  },
                  {
                    path: 'invoices/:invoiceId',
                    lazy: async () => ({
                      Component: (await import('@/features/invoicing/components/invoice-page.tsx')).InvoicePage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="payments.read" title="Payments" />,
                children: [
                  {
                    path: 'payments',
                    lazy: async () => ({
                      Component: (await import('@/features/invoicing/components/payments-page.tsx')).PaymentsPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="receivables.read" title="Receivables aging" />,
                children: [
                  {
                    path: 'reports/ar-aging',
                    lazy: async () => {
                      const { AgingPage } = await import('@/features/invoicing/components/aging-page.tsx');
                      return { Component: () => <AgingPage kind="ar" /> };
                    },
                  },
                ],
              },
              {
                element: <RequirePermission permission="bills.read" title="Payables aging" />,
                children: [
                  {
                    path: 'reports/ap-aging',
                    lazy: async () => {
                      const { AgingPage } = await import('@/features/invoicing/components/aging-page.tsx');
                      return { Component: () => <AgingPage kind="ap" /> };
                    },
                  },
                ],
              },
              // Reorder-alert notifications link here (the database names the page by its old path).
              { path: 'inventory/alerts', element: <Navigate to="/stock/alerts" replace /> },
              {
                element: <RequirePermission permission="stock.move" title="Floor operations" />,
                children: [
                  {
                    path: 'stock/floor',
                    lazy: async () => ({
                      Component: (await import('@/features/stock/components/floor-page.tsx')).FloorPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="stock.read" title="Products" />,
                children: [
                  {
                    path: 'products',
                    lazy: async () => ({
                      Component: (await import('@/features/products/components/products-page.tsx')).ProductsPage,
                    }),
                  },
                  {
                    path: 'products/:productId',
                    lazy: async () => ({
                      Component: (await import('@/features/products/components/product-page.tsx')).ProductPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="manufacturing.read" title="Manufacturing" />,
                children: [
                  { path: 'manufacturing', element: <Navigate to="/manufacturing/orders" replace /> },
                  {
                    path: 'manufacturing/orders',
                    lazy: async () => ({
                      Component: (await import('@/features/manufacturing/components/production-orders-page.tsx'))
                        .ProductionOrdersPage,
                    }),
                  },
                  {
                    path: 'manufacturing/orders/:orderId',
                    lazy: async () => ({
                      Component: (await import('@/features/manufacturing/components/production-order-page.tsx'))
                        .ProductionOrderPage,
                    }),
                  },
                  {
                    path: 'manufacturing/boms',
                    lazy: async () => ({
                      Component: (await import('@/features/manufacturing/components/boms-page.tsx')).BomsPage,
                    }),
                  },
                  {
                    path: 'manufacturing/boms/new',
                    lazy: async () => ({
                      Component: (await import('@/features/manufacturing/components/bom-page.tsx')).BomPage,
                    }),
                  },
                  {
                    path: 'manufacturing/boms/:bomId',
                    lazy: async () => ({
                      Component: (await import('@/features/manufacturing/components/bom-page.tsx')).BomPage,
                    }),
                  },
                ],
              },
              {
                element: <RequirePermission permission="people.read" title="People" />,
                children: [
                  {
                    path: 'people',
                    lazy: async () => ({
                      Component: (await import('@/features/people/components/people-page.tsx')).PeoplePage,
                    }),
                  },
                ],
              },
              {
                path: 'projects',
                lazy: async () => ({
                  Component: (await import('@/features/projects/components/projects-page.tsx')).ProjectsPage,
                }),
              },
              {
                path: 'projects/:projectId',
                lazy: async () => ({
                  Component: (await import('@/features/projects/components/project-page.tsx')).ProjectPage,
                }),
              },
              {
                path: 'timesheets',
                lazy: async () => ({
                  Component: (await import('@/features/timesheets/components/timesheet-page.tsx')).TimesheetPage,
                }),
              },
              {
                element: <RequirePermission permission="timesheets.approve" title="Approvals" />,
                children: [
                  {
                    path: 'timesheets/approvals',
                    lazy: async () => ({
                      Component: (await import('@/features/timesheets/components/approvals-page.tsx')).ApprovalsPage,
                    }),
                  },
                ],
              },
              {
                path: 'expenses',
                lazy: async () => ({
                  Component: (await import('@/features/timesheets/components/expenses-page.tsx')).ExpensesPage,
                }),
              },
              {
                path: 'settings',
                children: [
                  { index: true, element: <Navigate to="organization" replace /> },
                  {
                    element: <RequirePermission permission="pipelines.manage" title="Pipelines" />,
                    children: [
                      {
                        path: 'pipelines',
                        lazy: async () => ({
                          Component: (await import('@/features/deals/components/pipeline-settings-page.tsx'))
                            .PipelineSettingsPage,
                        }),
                      },
                    ],
                  },
                  {
                    element: <RequirePermission permission="leads.read" title="Lead scoring and assignment" />,
                    children: [
                      {
                        path: 'leads',
                        lazy: async () => ({
                          Component: (await import('@/features/leads/components/lead-settings-page.tsx'))
                            .LeadSettingsPage,
                        }),
                      },
                    ],
                  },
                  {
                    path: 'warehouses',
                    lazy: async () => ({
                      Component: (await import('@/features/stock/components/warehouses-page.tsx')).WarehousesPage,
                    }),
                  },
                  {
                    element: <RequirePermission permission="tickets.read" title="Support SLAs" />,
                    children: [
                      {
                        path: 'sla',
                        lazy: async () => ({
                          Component: (await import('@/features/tickets/components/sla-settings-page.tsx'))
                            .SlaSettingsPage,
                        }),
                      },
                    ],
                  },
                  {
                    element: <RequirePermission permission="prices.manage" title="Price lists" />,
                    children: [
                      {
                        path: 'price-lists',
                        lazy: async () => ({
                          Component: (await import('@/features/products/components/price-lists-page.tsx'))
                            .PriceListsPage,
                        }),
                      },
                    ],
                  },
                  {
                    path: 'organization',
                    lazy: async () => ({
                      Component: (await import('@/features/organizations/components/organization-settings-page.tsx'))
                        .OrganizationSettingsPage,
                    }),
                  },
                  {
                    element: <RequirePermission permission="members.manage" title="Members" />,
                    children: [
                      {
                        path: 'members',
                        lazy: async () => ({
                          Component: (await import('@/features/members/components/members-page.tsx')).MembersPage,
                        }),
                      },
                    ],
                  },
                  {
                    element: <RequirePermission permission="members.manage" title="Invitations" />,
                    children: [
                      {
                        path: 'invitations',
                        lazy: async () => ({
                          Component: (await import('@/features/members/components/invitations-page.tsx'))
                            .InvitationsPage,
                        }),
                      },
                    ],
                  },
                  {
                    element: <RequirePermission permission="audit.read" title="Audit log" />,
                    children: [
                      {
                        path: 'audit-log',
                        lazy: async () => ({
                          Component: (await import('@/features/audit-log/components/audit-log-page.tsx')).AuditLogPage,
                        }),
                      },
                    ],
                  },
                  {
                    element: <RequirePermission permission="outbox.read" title="E-mail outbox" />,
                    children: [
                      {
                        path: 'outbox',
                        lazy: async () => ({
                          Component: (await import('@/features/outbox/components/outbox-page.tsx')).OutboxPage,
                        }),
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
      { path: '*', Component: NotFound },
    ],
  },
];
