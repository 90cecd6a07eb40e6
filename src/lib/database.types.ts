export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "14.1"
  }
  graphql_public: {
    Tables: {
      [_ in never]: never
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      [_ in never]: never
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
  public: {
    Tables: {
      accounts: {
        Row: {
          archived_at: string | null
          created_at: string
          created_by: string | null
          credit_limit: number | null
          currency: string | null
          domain: string | null
          email: string | null
          id: string
          is_customer: boolean
          is_supplier: boolean
          kind: Database["public"]["Enums"]["party_kind"]
          merged_into: string | null
          name: string
          notes: string | null
          org_id: string
          owner_id: string | null
          payment_terms_days: number
          phone: string | null
          price_list_id: string | null
          search_vector: string | null
          tags: string[]
          tax_id: string | null
          updated_at: string
          website: string | null
        }
        Insert: {
          archived_at?: string | null
          created_at?: string
          created_by?: string | null
          credit_limit?: number | null
          currency?: string | null
          domain?: string | null
          email?: string | null
          id?: string
          is_customer?: boolean
          is_supplier?: boolean
          kind?: Database["public"]["Enums"]["party_kind"]
          merged_into?: string | null
          name: string
          notes?: string | null
          org_id: string
          owner_id?: string | null
          payment_terms_days?: number
          phone?: string | null
          price_list_id?: string | null
          search_vector?: never
          tags?: string[]
          tax_id?: string | null
          updated_at?: string
          website?: string | null
        }
        Update: {
          archived_at?: string | null
          created_at?: string
          created_by?: string | null
          credit_limit?: number | null
          currency?: string | null
          domain?: string | null
          email?: string | null
          id?: string
          is_customer?: boolean
          is_supplier?: boolean
          kind?: Database["public"]["Enums"]["party_kind"]
          merged_into?: string | null
          name?: string
          notes?: string | null
          org_id?: string
          owner_id?: string | null
          payment_terms_days?: number
          phone?: string | null
          price_list_id?: string | null
          search_vector?: never
          tags?: string[]
          tax_id?: string | null
          updated_at?: string
          website?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "accounts_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "accounts_org_id_merged_into_fkey"
            columns: ["org_id", "merged_into"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "accounts_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "accounts_price_list_fk"
            columns: ["org_id", "price_list_id"]
            isOneToOne: false
            referencedRelation: "price_lists"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      activities: {
        Row: {
          account_id: string | null
          body: string | null
          contact_id: string | null
          created_at: string
          deal_id: string | null
          duration_minutes: number | null
          id: string
          kind: Database["public"]["Enums"]["activity_kind"]
          lead_id: string | null
          occurred_at: string
          org_id: string
          outcome: string | null
          owner_id: string | null
          subject: string
          ticket_id: string | null
          updated_at: string
        }
        Insert: {
          account_id?: string | null
          body?: string | null
          contact_id?: string | null
          created_at?: string
          deal_id?: string | null
          duration_minutes?: number | null
          id?: string
          kind: Database["public"]["Enums"]["activity_kind"]
          lead_id?: string | null
          occurred_at?: string
          org_id: string
          outcome?: string | null
          owner_id?: string | null
          subject: string
          ticket_id?: string | null
          updated_at?: string
        }
        Update: {
          account_id?: string | null
          body?: string | null
          contact_id?: string | null
          created_at?: string
          deal_id?: string | null
          duration_minutes?: number | null
          id?: string
          kind?: Database["public"]["Enums"]["activity_kind"]
          lead_id?: string | null
          occurred_at?: string
          org_id?: string
          outcome?: string | null
          owner_id?: string | null
          subject?: string
          ticket_id?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "activities_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "activities_org_id_contact_id_fkey"
            columns: ["org_id", "contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "activities_org_id_deal_id_fkey"
            columns: ["org_id", "deal_id"]
            isOneToOne: false
            referencedRelation: "deals"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "activities_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "activities_org_id_lead_id_fkey"
            columns: ["org_id", "lead_id"]
            isOneToOne: false
            referencedRelation: "leads"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "activities_org_id_ticket_id_fkey"
            columns: ["org_id", "ticket_id"]
            isOneToOne: false
            referencedRelation: "tickets"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "activities_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      addresses: {
        Row: {
          account_id: string
          city: string | null
          country: string | null
          created_at: string
          id: string
          is_default: boolean
          kind: Database["public"]["Enums"]["address_kind"]
          line1: string
          line2: string | null
          org_id: string
          postal_code: string | null
          region: string | null
          updated_at: string
        }
        Insert: {
          account_id: string
          city?: string | null
          country?: string | null
          created_at?: string
          id?: string
          is_default?: boolean
          kind?: Database["public"]["Enums"]["address_kind"]
          line1: string
          line2?: string | null
          org_id: string
          postal_code?: string | null
          region?: string | null
          updated_at?: string
        }
        Update: {
          account_id?: string
          city?: string | null
          country?: string | null
          created_at?: string
          id?: string
          is_default?: boolean
          kind?: Database["public"]["Enums"]["address_kind"]
          line1?: string
          line2?: string | null
          org_id?: string
          postal_code?: string | null
          region?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "addresses_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "addresses_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      audit_log: {
        Row: {
          action: string
          actor_id: string | null
          changes: Json
          created_at: string
          id: number
          org_id: string
          row_id: string
          table_name: string
        }
        Insert: {
          action: string
          actor_id?: string | null
          changes?: Json
          created_at?: string
          id?: never
          org_id: string
          row_id: string
          table_name: string
        }
        Update: {
          action?: string
          actor_id?: string | null
          changes?: Json
          created_at?: string
          id?: never
          org_id?: string
          row_id?: string
          table_name?: string
        }
        Relationships: []
      }
      bank_accounts: {
        Row: {
          account_number: string | null
          active: boolean
          bank_name: string | null
          created_at: string
          currency: string
          gl_account_id: string
          id: string
          name: string
          org_id: string
          updated_at: string
        }
        Insert: {
          account_number?: string | null
          active?: boolean
          bank_name?: string | null
          created_at?: string
          currency: string
          gl_account_id: string
          id?: string
          name: string
          org_id: string
          updated_at?: string
        }
        Update: {
          account_number?: string | null
          active?: boolean
          bank_name?: string | null
          created_at?: string
          currency?: string
          gl_account_id?: string
          id?: string
          name?: string
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "bank_accounts_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "bank_accounts_org_id_gl_account_id_fkey"
            columns: ["org_id", "gl_account_id"]
            isOneToOne: true
            referencedRelation: "gl_accounts"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      bank_statement_imports: {
        Row: {
          bank_account_id: string
          created_at: string
          created_by: string | null
          file_name: string
          id: string
          org_id: string
          rows_duplicate: number
          rows_imported: number
          rows_total: number
        }
        Insert: {
          bank_account_id: string
          created_at?: string
          created_by?: string | null
          file_name: string
          id?: string
          org_id: string
          rows_duplicate?: number
          rows_imported?: number
          rows_total?: number
        }
        Update: {
          bank_account_id?: string
          created_at?: string
          created_by?: string | null
          file_name?: string
          id?: string
          org_id?: string
          rows_duplicate?: number
          rows_imported?: number
          rows_total?: number
        }
        Relationships: [
          {
            foreignKeyName: "bank_statement_imports_org_id_bank_account_id_fkey"
            columns: ["org_id", "bank_account_id"]
            isOneToOne: false
            referencedRelation: "bank_accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "bank_statement_imports_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      bank_statement_lines: {
        Row: {
          amount: number
          bank_account_id: string
          booking_date: string
          counterparty: string | null
          created_at: string
          description: string | null
          fingerprint: string
          id: string
          import_id: string | null
          matched_at: string | null
          matched_by: string | null
          org_id: string
          payment_id: string | null
          reference: string | null
        }
        Insert: {
          amount: number
          bank_account_id: string
          booking_date: string
          counterparty?: string | null
          created_at?: string
          description?: string | null
          fingerprint: string
          id?: string
          import_id?: string | null
          matched_at?: string | null
          matched_by?: string | null
          org_id: string
          payment_id?: string | null
          reference?: string | null
        }
        Update: {
          amount?: number
          bank_account_id?: string
          booking_date?: string
          counterparty?: string | null
          created_at?: string
          description?: string | null
          fingerprint?: string
          id?: string
          import_id?: string | null
          matched_at?: string | null
          matched_by?: string | null
          org_id?: string
          payment_id?: string | null
          reference?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "bank_statement_lines_org_id_bank_account_id_fkey"
            columns: ["org_id", "bank_account_id"]
            isOneToOne: false
            referencedRelation: "bank_accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "bank_statement_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "bank_statement_lines_org_id_import_id_fkey"
            columns: ["org_id", "import_id"]
            isOneToOne: false
            referencedRelation: "bank_statement_imports"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "bank_statement_lines_org_id_payment_id_fkey"
            columns: ["org_id", "payment_id"]
            isOneToOne: false
            referencedRelation: "payments"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      bom_lines: {
        Row: {
          bom_id: string
          created_at: string
          id: string
          notes: string | null
          org_id: string
          position: number
          product_id: string
          quantity: number
          scrap_pct: number
          updated_at: string
        }
        Insert: {
          bom_id: string
          created_at?: string
          id?: string
          notes?: string | null
          org_id: string
          position?: number
          product_id: string
          quantity: number
          scrap_pct?: number
          updated_at?: string
        }
        Update: {
          bom_id?: string
          created_at?: string
          id?: string
          notes?: string | null
          org_id?: string
          position?: number
          product_id?: string
          quantity?: number
          scrap_pct?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "bom_lines_org_id_bom_id_fkey"
            columns: ["org_id", "bom_id"]
            isOneToOne: false
            referencedRelation: "boms"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "bom_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "bom_lines_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      boms: {
        Row: {
          created_at: string
          created_by: string | null
          id: string
          is_active: boolean
          is_default: boolean
          name: string
          notes: string | null
          org_id: string
          output_quantity: number
          product_id: string
          updated_at: string
          version: number
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          id?: string
          is_active?: boolean
          is_default?: boolean
          name: string
          notes?: string | null
          org_id: string
          output_quantity?: number
          product_id: string
          updated_at?: string
          version?: number
        }
        Update: {
          created_at?: string
          created_by?: string | null
          id?: string
          is_active?: boolean
          is_default?: boolean
          name?: string
          notes?: string | null
          org_id?: string
          output_quantity?: number
          product_id?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "boms_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "boms_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      campaign_members: {
        Row: {
          campaign_id: string
          contact_id: string | null
          created_at: string
          id: string
          lead_id: string | null
          org_id: string
          status: string
        }
        Insert: {
          campaign_id: string
          contact_id?: string | null
          created_at?: string
          id?: string
          lead_id?: string | null
          org_id: string
          status?: string
        }
        Update: {
          campaign_id?: string
          contact_id?: string | null
          created_at?: string
          id?: string
          lead_id?: string | null
          org_id?: string
          status?: string
        }
        Relationships: [
          {
            foreignKeyName: "campaign_members_org_id_campaign_id_fkey"
            columns: ["org_id", "campaign_id"]
            isOneToOne: false
            referencedRelation: "campaigns"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "campaign_members_org_id_contact_id_fkey"
            columns: ["org_id", "contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "campaign_members_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "campaign_members_org_id_lead_id_fkey"
            columns: ["org_id", "lead_id"]
            isOneToOne: false
            referencedRelation: "leads"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      campaigns: {
        Row: {
          archived_at: string | null
          budget: number
          channel: Database["public"]["Enums"]["campaign_channel"]
          created_at: string
          currency: string
          ends_on: string | null
          id: string
          name: string
          org_id: string
          owner_id: string | null
          starts_on: string | null
          status: Database["public"]["Enums"]["campaign_status"]
          updated_at: string
        }
        Insert: {
          archived_at?: string | null
          budget?: number
          channel?: Database["public"]["Enums"]["campaign_channel"]
          created_at?: string
          currency?: string
          ends_on?: string | null
          id?: string
          name: string
          org_id: string
          owner_id?: string | null
          starts_on?: string | null
          status?: Database["public"]["Enums"]["campaign_status"]
          updated_at?: string
        }
        Update: {
          archived_at?: string | null
          budget?: number
          channel?: Database["public"]["Enums"]["campaign_channel"]
          created_at?: string
          currency?: string
          ends_on?: string | null
          id?: string
          name?: string
          org_id?: string
          owner_id?: string | null
          starts_on?: string | null
          status?: Database["public"]["Enums"]["campaign_status"]
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "campaigns_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "campaigns_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      contacts: {
        Row: {
          account_id: string | null
          archived_at: string | null
          created_at: string
          created_by: string | null
          email: string | null
          first_name: string | null
          full_name: string | null
          id: string
          last_name: string | null
          merged_into: string | null
          mobile: string | null
          notes: string | null
          org_id: string
          owner_id: string | null
          phone: string | null
          search_vector: string | null
          tags: string[]
          title: string | null
          updated_at: string
        }
        Insert: {
          account_id?: string | null
          archived_at?: string | null
          created_at?: string
          created_by?: string | null
          email?: string | null
          first_name?: string | null
          full_name?: never
          id?: string
          last_name?: string | null
          merged_into?: string | null
          mobile?: string | null
          notes?: string | null
          org_id: string
          owner_id?: string | null
          phone?: string | null
          search_vector?: never
          tags?: string[]
          title?: string | null
          updated_at?: string
        }
        Update: {
          account_id?: string | null
          archived_at?: string | null
          created_at?: string
          created_by?: string | null
          email?: string | null
          first_name?: string | null
          full_name?: never
          id?: string
          last_name?: string | null
          merged_into?: string | null
          mobile?: string | null
          notes?: string | null
          org_id?: string
          owner_id?: string | null
          phone?: string | null
          search_vector?: never
          tags?: string[]
          title?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "contacts_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "contacts_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "contacts_org_id_merged_into_fkey"
            columns: ["org_id", "merged_into"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "contacts_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      currencies: {
        Row: {
          code: string
          decimals: number
          name: string
        }
        Insert: {
          code: string
          decimals?: number
          name: string
        }
        Update: {
          code?: string
          decimals?: number
          name?: string
        }
        Relationships: []
      }
      customer_return_lines: {
        Row: {
          created_at: string
          customer_return_id: string
          id: string
          org_id: string
          quantity: number
          sales_order_line_id: string
          unit_cost: number | null
          updated_at: string
        }
        Insert: {
          created_at?: string
          customer_return_id: string
          id?: string
          org_id: string
          quantity: number
          sales_order_line_id: string
          unit_cost?: number | null
          updated_at?: string
        }
        Update: {
          created_at?: string
          customer_return_id?: string
          id?: string
          org_id?: string
          quantity?: number
          sales_order_line_id?: string
          unit_cost?: number | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "customer_return_lines_org_id_customer_return_id_fkey"
            columns: ["org_id", "customer_return_id"]
            isOneToOne: false
            referencedRelation: "customer_returns"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "customer_return_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "customer_return_lines_org_id_sales_order_line_id_fkey"
            columns: ["org_id", "sales_order_line_id"]
            isOneToOne: false
            referencedRelation: "sales_order_lines"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      customer_returns: {
        Row: {
          created_at: string
          created_by: string | null
          credit_note_id: string | null
          id: string
          journal_entry_id: string | null
          number: string | null
          org_id: string
          posted_at: string | null
          posted_by: string | null
          reason: string | null
          return_date: string
          sales_order_id: string
          status: Database["public"]["Enums"]["document_status"]
          updated_at: string
          warehouse_id: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          credit_note_id?: string | null
          id?: string
          journal_entry_id?: string | null
          number?: string | null
          org_id: string
          posted_at?: string | null
          posted_by?: string | null
          reason?: string | null
          return_date?: string
          sales_order_id: string
          status?: Database["public"]["Enums"]["document_status"]
          updated_at?: string
          warehouse_id: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          credit_note_id?: string | null
          id?: string
          journal_entry_id?: string | null
          number?: string | null
          org_id?: string
          posted_at?: string | null
          posted_by?: string | null
          reason?: string | null
          return_date?: string
          sales_order_id?: string
          status?: Database["public"]["Enums"]["document_status"]
          updated_at?: string
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "customer_returns_org_id_credit_note_id_fkey"
            columns: ["org_id", "credit_note_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "customer_returns_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "customer_returns_org_id_journal_entry_id_fkey"
            columns: ["org_id", "journal_entry_id"]
            isOneToOne: false
            referencedRelation: "journal_entries"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "customer_returns_org_id_sales_order_id_fkey"
            columns: ["org_id", "sales_order_id"]
            isOneToOne: false
            referencedRelation: "sales_orders"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "customer_returns_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      deal_contacts: {
        Row: {
          contact_id: string
          created_at: string
          deal_id: string
          org_id: string
          role: string | null
        }
        Insert: {
          contact_id: string
          created_at?: string
          deal_id: string
          org_id: string
          role?: string | null
        }
        Update: {
          contact_id?: string
          created_at?: string
          deal_id?: string
          org_id?: string
          role?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "deal_contacts_org_id_contact_id_fkey"
            columns: ["org_id", "contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deal_contacts_org_id_deal_id_fkey"
            columns: ["org_id", "deal_id"]
            isOneToOne: false
            referencedRelation: "deals"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deal_contacts_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      deal_lines: {
        Row: {
          created_at: string
          deal_id: string
          description: string
          discount_pct: number
          id: string
          net_amount: number | null
          org_id: string
          position: number
          product_id: string | null
          quantity: number
          tax_rate: number
          unit_price: number
          updated_at: string
        }
        Insert: {
          created_at?: string
          deal_id: string
          description: string
          discount_pct?: number
          id?: string
          net_amount?: never
          org_id: string
          position?: number
          product_id?: string | null
          quantity?: number
          tax_rate?: number
          unit_price?: number
          updated_at?: string
        }
        Update: {
          created_at?: string
          deal_id?: string
          description?: string
          discount_pct?: number
          id?: string
          net_amount?: never
          org_id?: string
          position?: number
          product_id?: string | null
          quantity?: number
          tax_rate?: number
          unit_price?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "deal_lines_org_id_deal_id_fkey"
            columns: ["org_id", "deal_id"]
            isOneToOne: false
            referencedRelation: "deals"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deal_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "deal_lines_product_fk"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      deal_stage_history: {
        Row: {
          changed_at: string
          changed_by: string | null
          deal_id: string
          from_stage_id: string | null
          id: number
          org_id: string
          seconds_in_from_stage: number | null
          to_stage_id: string
        }
        Insert: {
          changed_at?: string
          changed_by?: string | null
          deal_id: string
          from_stage_id?: string | null
          id?: never
          org_id: string
          seconds_in_from_stage?: number | null
          to_stage_id: string
        }
        Update: {
          changed_at?: string
          changed_by?: string | null
          deal_id?: string
          from_stage_id?: string | null
          id?: never
          org_id?: string
          seconds_in_from_stage?: number | null
          to_stage_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "deal_stage_history_org_id_deal_id_fkey"
            columns: ["org_id", "deal_id"]
            isOneToOne: false
            referencedRelation: "deals"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deal_stage_history_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      deals: {
        Row: {
          account_id: string | null
          amount: number
          archived_at: string | null
          campaign_id: string | null
          closed_at: string | null
          contact_id: string | null
          created_at: string
          created_by: string | null
          currency: string
          expected_close_date: string | null
          furthest_stage_id: string | null
          id: string
          lost_reason: string | null
          notes: string | null
          org_id: string
          owner_id: string | null
          pipeline_id: string
          probability: number | null
          promised_delivery_date: string | null
          rank: string
          search_vector: string | null
          stage_changed_at: string
          stage_id: string
          status: Database["public"]["Enums"]["deal_status"]
          tags: string[]
          title: string
          updated_at: string
          version: number
        }
        Insert: {
          account_id?: string | null
          amount?: number
          archived_at?: string | null
          campaign_id?: string | null
          closed_at?: string | null
          contact_id?: string | null
          created_at?: string
          created_by?: string | null
          currency?: string
          expected_close_date?: string | null
          furthest_stage_id?: string | null
          id?: string
          lost_reason?: string | null
          notes?: string | null
          org_id: string
          owner_id?: string | null
          pipeline_id: string
          probability?: number | null
          promised_delivery_date?: string | null
          rank?: string
          search_vector?: never
          stage_changed_at?: string
          stage_id: string
          status?: Database["public"]["Enums"]["deal_status"]
          tags?: string[]
          title: string
          updated_at?: string
          version?: number
        }
        Update: {
          account_id?: string | null
          amount?: number
          archived_at?: string | null
          campaign_id?: string | null
          closed_at?: string | null
          contact_id?: string | null
          created_at?: string
          created_by?: string | null
          currency?: string
          expected_close_date?: string | null
          furthest_stage_id?: string | null
          id?: string
          lost_reason?: string | null
          notes?: string | null
          org_id?: string
          owner_id?: string | null
          pipeline_id?: string
          probability?: number | null
          promised_delivery_date?: string | null
          rank?: string
          search_vector?: never
          stage_changed_at?: string
          stage_id?: string
          status?: Database["public"]["Enums"]["deal_status"]
          tags?: string[]
          title?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "deals_campaign_fk"
            columns: ["org_id", "campaign_id"]
            isOneToOne: false
            referencedRelation: "campaigns"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deals_furthest_stage_fk"
            columns: ["org_id", "furthest_stage_id"]
            isOneToOne: false
            referencedRelation: "pipeline_stages"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deals_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deals_org_id_contact_id_fkey"
            columns: ["org_id", "contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deals_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "deals_org_id_pipeline_id_fkey"
            columns: ["org_id", "pipeline_id"]
            isOneToOne: false
            referencedRelation: "pipelines"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deals_org_id_stage_id_fkey"
            columns: ["org_id", "stage_id"]
            isOneToOne: false
            referencedRelation: "pipeline_stages"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deals_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "deals_pipeline_id_stage_id_fkey"
            columns: ["pipeline_id", "stage_id"]
            isOneToOne: false
            referencedRelation: "pipeline_stages"
            referencedColumns: ["pipeline_id", "id"]
          },
        ]
      }
      deliveries: {
        Row: {
          carrier_reference: string | null
          created_at: string
          created_by: string | null
          delivery_date: string
          id: string
          journal_entry_id: string | null
          notes: string | null
          number: string | null
          org_id: string
          posted_at: string | null
          posted_by: string | null
          sales_order_id: string
          status: Database["public"]["Enums"]["document_status"]
          updated_at: string
          warehouse_id: string
        }
        Insert: {
          carrier_reference?: string | null
          created_at?: string
          created_by?: string | null
          delivery_date?: string
          id?: string
          journal_entry_id?: string | null
          notes?: string | null
          number?: string | null
          org_id: string
          posted_at?: string | null
          posted_by?: string | null
          sales_order_id: string
          status?: Database["public"]["Enums"]["document_status"]
          updated_at?: string
          warehouse_id: string
        }
        Update: {
          carrier_reference?: string | null
          created_at?: string
          created_by?: string | null
          delivery_date?: string
          id?: string
          journal_entry_id?: string | null
          notes?: string | null
          number?: string | null
          org_id?: string
          posted_at?: string | null
          posted_by?: string | null
          sales_order_id?: string
          status?: Database["public"]["Enums"]["document_status"]
          updated_at?: string
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "deliveries_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "deliveries_org_id_journal_entry_id_fkey"
            columns: ["org_id", "journal_entry_id"]
            isOneToOne: false
            referencedRelation: "journal_entries"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deliveries_org_id_sales_order_id_fkey"
            columns: ["org_id", "sales_order_id"]
            isOneToOne: false
            referencedRelation: "sales_orders"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "deliveries_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      delivery_lines: {
        Row: {
          created_at: string
          delivery_id: string
          id: string
          org_id: string
          quantity: number
          sales_order_line_id: string
          unit_cost: number | null
          updated_at: string
        }
        Insert: {
          created_at?: string
          delivery_id: string
          id?: string
          org_id: string
          quantity: number
          sales_order_line_id: string
          unit_cost?: number | null
          updated_at?: string
        }
        Update: {
          created_at?: string
          delivery_id?: string
          id?: string
          org_id?: string
          quantity?: number
          sales_order_line_id?: string
          unit_cost?: number | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "delivery_lines_org_id_delivery_id_fkey"
            columns: ["org_id", "delivery_id"]
            isOneToOne: false
            referencedRelation: "deliveries"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "delivery_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "delivery_lines_org_id_sales_order_line_id_fkey"
            columns: ["org_id", "sales_order_line_id"]
            isOneToOne: false
            referencedRelation: "sales_order_lines"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      delivery_punctuality_daily: {
        Row: {
          day: string
          deliveries: number
          on_time: number
          org_id: string
          warehouse_id: string
        }
        Insert: {
          day: string
          deliveries?: number
          on_time?: number
          org_id: string
          warehouse_id: string
        }
        Update: {
          day?: string
          deliveries?: number
          on_time?: number
          org_id?: string
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "delivery_punctuality_daily_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "delivery_punctuality_daily_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      departments: {
        Row: {
          archived_at: string | null
          created_at: string
          created_by: string | null
          id: string
          manager_user_id: string | null
          name: string
          org_id: string
          parent_id: string | null
          updated_at: string
        }
        Insert: {
          archived_at?: string | null
          created_at?: string
          created_by?: string | null
          id?: string
          manager_user_id?: string | null
          name: string
          org_id: string
          parent_id?: string | null
          updated_at?: string
        }
        Update: {
          archived_at?: string | null
          created_at?: string
          created_by?: string | null
          id?: string
          manager_user_id?: string | null
          name?: string
          org_id?: string
          parent_id?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "departments_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "departments_org_id_manager_user_id_fkey"
            columns: ["org_id", "manager_user_id"]
            isOneToOne: false
            referencedRelation: "memberships"
            referencedColumns: ["org_id", "user_id"]
          },
          {
            foreignKeyName: "departments_org_id_parent_id_fkey"
            columns: ["org_id", "parent_id"]
            isOneToOne: false
            referencedRelation: "departments"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      email_outbox: {
        Row: {
          attachments: Json
          attempts: number
          created_at: string
          created_by: string | null
          html_body: string | null
          id: string
          idempotency_key: string | null
          last_error: string | null
          next_attempt_at: string
          org_id: string
          provider_message_id: string | null
          sent_at: string | null
          status: Database["public"]["Enums"]["email_status"]
          subject: string
          template: string | null
          text_body: string
          to_email: string
        }
        Insert: {
          attachments?: Json
          attempts?: number
          created_at?: string
          created_by?: string | null
          html_body?: string | null
          id?: string
          idempotency_key?: string | null
          last_error?: string | null
          next_attempt_at?: string
          org_id: string
          provider_message_id?: string | null
          sent_at?: string | null
          status?: Database["public"]["Enums"]["email_status"]
          subject: string
          template?: string | null
          text_body: string
          to_email: string
        }
        Update: {
          attachments?: Json
          attempts?: number
          created_at?: string
          created_by?: string | null
          html_body?: string | null
          id?: string
          idempotency_key?: string | null
          last_error?: string | null
          next_attempt_at?: string
          org_id?: string
          provider_message_id?: string | null
          sent_at?: string | null
          status?: Database["public"]["Enums"]["email_status"]
          subject?: string
          template?: string | null
          text_body?: string
          to_email?: string
        }
        Relationships: [
          {
            foreignKeyName: "email_outbox_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      employee_cost_rates: {
        Row: {
          created_at: string
          created_by: string | null
          currency: string
          employee_id: string
          hourly_cost: number
          id: string
          org_id: string
          updated_at: string
          valid_from: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          currency?: string
          employee_id: string
          hourly_cost: number
          id?: string
          org_id: string
          updated_at?: string
          valid_from: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          currency?: string
          employee_id?: string
          hourly_cost?: number
          id?: string
          org_id?: string
          updated_at?: string
          valid_from?: string
        }
        Relationships: [
          {
            foreignKeyName: "employee_cost_rates_org_id_employee_id_fkey"
            columns: ["org_id", "employee_id"]
            isOneToOne: false
            referencedRelation: "employees"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "employee_cost_rates_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      employees: {
        Row: {
          active: boolean
          bill_rate: number | null
          created_at: string
          created_by: string | null
          department_id: string | null
          email: string | null
          full_name: string
          hired_on: string | null
          id: string
          job_title: string | null
          org_id: string
          updated_at: string
          user_id: string | null
        }
        Insert: {
          active?: boolean
          bill_rate?: number | null
          created_at?: string
          created_by?: string | null
          department_id?: string | null
          email?: string | null
          full_name: string
          hired_on?: string | null
          id?: string
          job_title?: string | null
          org_id: string
          updated_at?: string
          user_id?: string | null
        }
        Update: {
          active?: boolean
          bill_rate?: number | null
          created_at?: string
          created_by?: string | null
          department_id?: string | null
          email?: string | null
          full_name?: string
          hired_on?: string | null
          id?: string
          job_title?: string | null
          org_id?: string
          updated_at?: string
          user_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "employees_org_id_department_id_fkey"
            columns: ["org_id", "department_id"]
            isOneToOne: false
            referencedRelation: "departments"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "employees_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "employees_org_id_user_id_fkey"
            columns: ["org_id", "user_id"]
            isOneToOne: true
            referencedRelation: "memberships"
            referencedColumns: ["org_id", "user_id"]
          },
        ]
      }
      exchange_rates: {
        Row: {
          created_at: string
          currency: string
          id: string
          org_id: string
          rate: number
          rate_date: string
        }
        Insert: {
          created_at?: string
          currency: string
          id?: string
          org_id: string
          rate: number
          rate_date: string
        }
        Update: {
          created_at?: string
          currency?: string
          id?: string
          org_id?: string
          rate?: number
          rate_date?: string
        }
        Relationships: [
          {
            foreignKeyName: "exchange_rates_currency_fkey"
            columns: ["currency"]
            isOneToOne: false
            referencedRelation: "currencies"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "exchange_rates_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      expenses: {
        Row: {
          amount: number
          amount_base: number | null
          approved_at: string | null
          approved_by: string | null
          billable: boolean
          category: string
          created_at: string
          created_by: string | null
          currency: string
          description: string | null
          employee_id: string
          expense_date: string
          id: string
          invoiced_invoice_id: string | null
          org_id: string
          project_id: string | null
          receipt_path: string | null
          rejected_at: string | null
          rejected_by: string | null
          rejection_reason: string | null
          status: Database["public"]["Enums"]["expense_status"]
          submitted_at: string | null
          tax_amount: number
          updated_at: string
        }
        Insert: {
          amount: number
          amount_base?: number | null
          approved_at?: string | null
          approved_by?: string | null
          billable?: boolean
          category: string
          created_at?: string
          created_by?: string | null
          currency?: string
          description?: string | null
          employee_id: string
          expense_date?: string
          id?: string
          invoiced_invoice_id?: string | null
          org_id: string
          project_id?: string | null
          receipt_path?: string | null
          rejected_at?: string | null
          rejected_by?: string | null
          rejection_reason?: string | null
          status?: Database["public"]["Enums"]["expense_status"]
          submitted_at?: string | null
          tax_amount?: number
          updated_at?: string
        }
        Update: {
          amount?: number
          amount_base?: number | null
          approved_at?: string | null
          approved_by?: string | null
          billable?: boolean
          category?: string
          created_at?: string
          created_by?: string | null
          currency?: string
          description?: string | null
          employee_id?: string
          expense_date?: string
          id?: string
          invoiced_invoice_id?: string | null
          org_id?: string
          project_id?: string | null
          receipt_path?: string | null
          rejected_at?: string | null
          rejected_by?: string | null
          rejection_reason?: string | null
          status?: Database["public"]["Enums"]["expense_status"]
          submitted_at?: string | null
          tax_amount?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "expenses_org_id_employee_id_fkey"
            columns: ["org_id", "employee_id"]
            isOneToOne: false
            referencedRelation: "employees"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "expenses_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "expenses_org_id_invoiced_invoice_id_fkey"
            columns: ["org_id", "invoiced_invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "expenses_org_id_project_id_fkey"
            columns: ["org_id", "project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      fiscal_periods: {
        Row: {
          closed_at: string | null
          closed_by: string | null
          created_at: string
          end_date: string
          id: string
          name: string
          org_id: string
          start_date: string
        }
        Insert: {
          closed_at?: string | null
          closed_by?: string | null
          created_at?: string
          end_date: string
          id?: string
          name: string
          org_id: string
          start_date: string
        }
        Update: {
          closed_at?: string | null
          closed_by?: string | null
          created_at?: string
          end_date?: string
          id?: string
          name?: string
          org_id?: string
          start_date?: string
        }
        Relationships: [
          {
            foreignKeyName: "fiscal_periods_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      gl_accounts: {
        Row: {
          active: boolean
          code: string
          created_at: string
          id: string
          name: string
          org_id: string
          parent_id: string | null
          reconcilable: boolean
          role: string | null
          type: Database["public"]["Enums"]["gl_account_type"]
          updated_at: string
        }
        Insert: {
          active?: boolean
          code: string
          created_at?: string
          id?: string
          name: string
          org_id: string
          parent_id?: string | null
          reconcilable?: boolean
          role?: string | null
          type: Database["public"]["Enums"]["gl_account_type"]
          updated_at?: string
        }
        Update: {
          active?: boolean
          code?: string
          created_at?: string
          id?: string
          name?: string
          org_id?: string
          parent_id?: string | null
          reconcilable?: boolean
          role?: string | null
          type?: Database["public"]["Enums"]["gl_account_type"]
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "gl_accounts_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "gl_accounts_org_id_parent_id_fkey"
            columns: ["org_id", "parent_id"]
            isOneToOne: false
            referencedRelation: "gl_accounts"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      gl_daily_balances: {
        Row: {
          credit: number
          day: string
          debit: number
          gl_account_id: string
          line_count: number
          org_id: string
        }
        Insert: {
          credit?: number
          day: string
          debit?: number
          gl_account_id: string
          line_count?: number
          org_id: string
        }
        Update: {
          credit?: number
          day?: string
          debit?: number
          gl_account_id?: string
          line_count?: number
          org_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "gl_daily_balances_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "gl_daily_balances_org_id_gl_account_id_fkey"
            columns: ["org_id", "gl_account_id"]
            isOneToOne: false
            referencedRelation: "gl_accounts"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      goods_receipt_lines: {
        Row: {
          created_at: string
          goods_receipt_id: string
          id: string
          org_id: string
          purchase_order_line_id: string
          quantity: number
          updated_at: string
        }
        Insert: {
          created_at?: string
          goods_receipt_id: string
          id?: string
          org_id: string
          purchase_order_line_id: string
          quantity: number
          updated_at?: string
        }
        Update: {
          created_at?: string
          goods_receipt_id?: string
          id?: string
          org_id?: string
          purchase_order_line_id?: string
          quantity?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "goods_receipt_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "goods_receipt_lines_org_id_goods_receipt_id_fkey"
            columns: ["org_id", "goods_receipt_id"]
            isOneToOne: false
            referencedRelation: "goods_receipts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "goods_receipt_lines_org_id_purchase_order_line_id_fkey"
            columns: ["org_id", "purchase_order_line_id"]
            isOneToOne: false
            referencedRelation: "purchase_order_lines"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      goods_receipts: {
        Row: {
          created_at: string
          created_by: string | null
          id: string
          notes: string | null
          number: string | null
          org_id: string
          posted_at: string | null
          posted_by: string | null
          purchase_order_id: string
          received_date: string
          status: Database["public"]["Enums"]["document_status"]
          supplier_reference: string | null
          updated_at: string
          warehouse_id: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          id?: string
          notes?: string | null
          number?: string | null
          org_id: string
          posted_at?: string | null
          posted_by?: string | null
          purchase_order_id: string
          received_date?: string
          status?: Database["public"]["Enums"]["document_status"]
          supplier_reference?: string | null
          updated_at?: string
          warehouse_id: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          id?: string
          notes?: string | null
          number?: string | null
          org_id?: string
          posted_at?: string | null
          posted_by?: string | null
          purchase_order_id?: string
          received_date?: string
          status?: Database["public"]["Enums"]["document_status"]
          supplier_reference?: string | null
          updated_at?: string
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "goods_receipts_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "goods_receipts_org_id_purchase_order_id_fkey"
            columns: ["org_id", "purchase_order_id"]
            isOneToOne: false
            referencedRelation: "purchase_orders"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "goods_receipts_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      invitations: {
        Row: {
          accepted_at: string | null
          accepted_by: string | null
          created_at: string
          email: string
          expires_at: string
          id: string
          invited_by: string | null
          org_id: string
          revoked_at: string | null
          role: Database["public"]["Enums"]["app_role"]
          token_hash: string
        }
        Insert: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          email: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          org_id: string
          revoked_at?: string | null
          role: Database["public"]["Enums"]["app_role"]
          token_hash: string
        }
        Update: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          email?: string
          expires_at?: string
          id?: string
          invited_by?: string | null
          org_id?: string
          revoked_at?: string | null
          role?: Database["public"]["Enums"]["app_role"]
          token_hash?: string
        }
        Relationships: [
          {
            foreignKeyName: "invitations_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      invoice_lines: {
        Row: {
          created_at: string
          credited_line_id: string | null
          description: string
          discount_pct: number
          id: string
          invoice_id: string
          net_amount: number | null
          org_id: string
          position: number
          product_id: string | null
          quantity: number
          sales_order_line_id: string | null
          tax_amount: number | null
          tax_rate: number
          unit_price: number
          updated_at: string
        }
        Insert: {
          created_at?: string
          credited_line_id?: string | null
          description: string
          discount_pct?: number
          id?: string
          invoice_id: string
          net_amount?: never
          org_id: string
          position?: number
          product_id?: string | null
          quantity: number
          sales_order_line_id?: string | null
          tax_amount?: never
          tax_rate?: number
          unit_price?: number
          updated_at?: string
        }
        Update: {
          created_at?: string
          credited_line_id?: string | null
          description?: string
          discount_pct?: number
          id?: string
          invoice_id?: string
          net_amount?: never
          org_id?: string
          position?: number
          product_id?: string | null
          quantity?: number
          sales_order_line_id?: string | null
          tax_amount?: never
          tax_rate?: number
          unit_price?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "invoice_lines_org_id_credited_line_id_fkey"
            columns: ["org_id", "credited_line_id"]
            isOneToOne: false
            referencedRelation: "invoice_lines"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "invoice_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "invoice_lines_org_id_invoice_id_fkey"
            columns: ["org_id", "invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "invoice_lines_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "invoice_lines_org_id_sales_order_line_id_fkey"
            columns: ["org_id", "sales_order_line_id"]
            isOneToOne: false
            referencedRelation: "sales_order_lines"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      invoices: {
        Row: {
          account_id: string
          amount_paid: number
          created_at: string
          created_by: string | null
          credited_invoice_id: string | null
          currency: string
          due_date: string | null
          exchange_rate: number
          id: string
          idempotency_key: string | null
          invoice_date: string
          journal_entry_id: string | null
          kind: Database["public"]["Enums"]["invoice_kind"]
          notes: string | null
          number: string | null
          org_id: string
          pdf_path: string | null
          posted_at: string | null
          posted_by: string | null
          project_id: string | null
          sales_order_id: string | null
          sent_at: string | null
          status: Database["public"]["Enums"]["document_status"]
          subtotal: number
          tax_total: number
          total: number
          updated_at: string
        }
        Insert: {
          account_id: string
          amount_paid?: number
          created_at?: string
          created_by?: string | null
          credited_invoice_id?: string | null
          currency?: string
          due_date?: string | null
          exchange_rate?: number
          id?: string
          idempotency_key?: string | null
          invoice_date?: string
          journal_entry_id?: string | null
          kind?: Database["public"]["Enums"]["invoice_kind"]
          notes?: string | null
          number?: string | null
          org_id: string
          pdf_path?: string | null
          posted_at?: string | null
          posted_by?: string | null
          project_id?: string | null
          sales_order_id?: string | null
          sent_at?: string | null
          status?: Database["public"]["Enums"]["document_status"]
          subtotal?: number
          tax_total?: number
          total?: number
          updated_at?: string
        }
        Update: {
          account_id?: string
          amount_paid?: number
          created_at?: string
          created_by?: string | null
          credited_invoice_id?: string | null
          currency?: string
          due_date?: string | null
          exchange_rate?: number
          id?: string
          idempotency_key?: string | null
          invoice_date?: string
          journal_entry_id?: string | null
          kind?: Database["public"]["Enums"]["invoice_kind"]
          notes?: string | null
          number?: string | null
          org_id?: string
          pdf_path?: string | null
          posted_at?: string | null
          posted_by?: string | null
          project_id?: string | null
          sales_order_id?: string | null
          sent_at?: string | null
          status?: Database["public"]["Enums"]["document_status"]
          subtotal?: number
          tax_total?: number
          total?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "invoices_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "invoices_org_id_credited_invoice_id_fkey"
            columns: ["org_id", "credited_invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "invoices_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "invoices_org_id_journal_entry_id_fkey"
            columns: ["org_id", "journal_entry_id"]
            isOneToOne: false
            referencedRelation: "journal_entries"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "invoices_org_id_sales_order_id_fkey"
            columns: ["org_id", "sales_order_id"]
            isOneToOne: false
            referencedRelation: "sales_orders"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "invoices_project_fk"
            columns: ["org_id", "project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      journal_entries: {
        Row: {
          created_at: string
          created_by: string | null
          description: string
          entry_date: string
          id: string
          number: string | null
          org_id: string
          posted_at: string | null
          posted_by: string | null
          reversal_of: string | null
          source_id: string | null
          source_type: string
          status: Database["public"]["Enums"]["journal_status"]
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          description: string
          entry_date?: string
          id?: string
          number?: string | null
          org_id: string
          posted_at?: string | null
          posted_by?: string | null
          reversal_of?: string | null
          source_id?: string | null
          source_type?: string
          status?: Database["public"]["Enums"]["journal_status"]
        }
        Update: {
          created_at?: string
          created_by?: string | null
          description?: string
          entry_date?: string
          id?: string
          number?: string | null
          org_id?: string
          posted_at?: string | null
          posted_by?: string | null
          reversal_of?: string | null
          source_id?: string | null
          source_type?: string
          status?: Database["public"]["Enums"]["journal_status"]
        }
        Relationships: [
          {
            foreignKeyName: "journal_entries_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "journal_entries_org_id_reversal_of_fkey"
            columns: ["org_id", "reversal_of"]
            isOneToOne: false
            referencedRelation: "journal_entries"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      journal_lines: {
        Row: {
          amount_currency: number | null
          credit: number
          currency: string | null
          debit: number
          description: string | null
          entry_id: string
          gl_account_id: string
          id: number
          org_id: string
          partner_id: string | null
        }
        Insert: {
          amount_currency?: number | null
          credit?: number
          currency?: string | null
          debit?: number
          description?: string | null
          entry_id: string
          gl_account_id: string
          id?: never
          org_id: string
          partner_id?: string | null
        }
        Update: {
          amount_currency?: number | null
          credit?: number
          currency?: string | null
          debit?: number
          description?: string | null
          entry_id?: string
          gl_account_id?: string
          id?: never
          org_id?: string
          partner_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "journal_lines_currency_fkey"
            columns: ["currency"]
            isOneToOne: false
            referencedRelation: "currencies"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "journal_lines_org_id_entry_id_fkey"
            columns: ["org_id", "entry_id"]
            isOneToOne: false
            referencedRelation: "journal_entries"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "journal_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "journal_lines_org_id_gl_account_id_fkey"
            columns: ["org_id", "gl_account_id"]
            isOneToOne: false
            referencedRelation: "gl_accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "journal_lines_org_id_partner_id_fkey"
            columns: ["org_id", "partner_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      lead_assignees: {
        Row: {
          active: boolean
          created_at: string
          id: string
          last_assigned_at: string | null
          org_id: string
          user_id: string
        }
        Insert: {
          active?: boolean
          created_at?: string
          id?: string
          last_assigned_at?: string | null
          org_id: string
          user_id: string
        }
        Update: {
          active?: boolean
          created_at?: string
          id?: string
          last_assigned_at?: string | null
          org_id?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "lead_assignees_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "lead_assignees_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      lead_scoring_rules: {
        Row: {
          active: boolean
          created_at: string
          field: string
          id: string
          operator: string
          org_id: string
          points: number
          value: string | null
        }
        Insert: {
          active?: boolean
          created_at?: string
          field: string
          id?: string
          operator: string
          org_id: string
          points: number
          value?: string | null
        }
        Update: {
          active?: boolean
          created_at?: string
          field?: string
          id?: string
          operator?: string
          org_id?: string
          points?: number
          value?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "lead_scoring_rules_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      leads: {
        Row: {
          archived_at: string | null
          campaign_id: string | null
          company_name: string | null
          contact_name: string | null
          converted_account_id: string | null
          converted_at: string | null
          converted_contact_id: string | null
          converted_deal_id: string | null
          created_at: string
          created_by: string | null
          email: string | null
          estimated_value: number | null
          id: string
          notes: string | null
          org_id: string
          owner_id: string | null
          phone: string | null
          score: number
          source: string | null
          status: Database["public"]["Enums"]["lead_status"]
          tags: string[]
          updated_at: string
        }
        Insert: {
          archived_at?: string | null
          campaign_id?: string | null
          company_name?: string | null
          contact_name?: string | null
          converted_account_id?: string | null
          converted_at?: string | null
          converted_contact_id?: string | null
          converted_deal_id?: string | null
          created_at?: string
          created_by?: string | null
          email?: string | null
          estimated_value?: number | null
          id?: string
          notes?: string | null
          org_id: string
          owner_id?: string | null
          phone?: string | null
          score?: number
          source?: string | null
          status?: Database["public"]["Enums"]["lead_status"]
          tags?: string[]
          updated_at?: string
        }
        Update: {
          archived_at?: string | null
          campaign_id?: string | null
          company_name?: string | null
          contact_name?: string | null
          converted_account_id?: string | null
          converted_at?: string | null
          converted_contact_id?: string | null
          converted_deal_id?: string | null
          created_at?: string
          created_by?: string | null
          email?: string | null
          estimated_value?: number | null
          id?: string
          notes?: string | null
          org_id?: string
          owner_id?: string | null
          phone?: string | null
          score?: number
          source?: string | null
          status?: Database["public"]["Enums"]["lead_status"]
          tags?: string[]
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "leads_org_id_campaign_id_fkey"
            columns: ["org_id", "campaign_id"]
            isOneToOne: false
            referencedRelation: "campaigns"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "leads_org_id_converted_account_id_fkey"
            columns: ["org_id", "converted_account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "leads_org_id_converted_contact_id_fkey"
            columns: ["org_id", "converted_contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "leads_org_id_converted_deal_id_fkey"
            columns: ["org_id", "converted_deal_id"]
            isOneToOne: false
            referencedRelation: "deals"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "leads_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "leads_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      memberships: {
        Row: {
          created_at: string
          org_id: string
          role: Database["public"]["Enums"]["app_role"]
          updated_at: string
          user_id: string
        }
        Insert: {
          created_at?: string
          org_id: string
          role: Database["public"]["Enums"]["app_role"]
          updated_at?: string
          user_id: string
        }
        Update: {
          created_at?: string
          org_id?: string
          role?: Database["public"]["Enums"]["app_role"]
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "memberships_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      notifications: {
        Row: {
          body: string | null
          created_at: string
          data: Json
          id: string
          kind: string
          link: string | null
          org_id: string
          read_at: string | null
          title: string
          user_id: string
        }
        Insert: {
          body?: string | null
          created_at?: string
          data?: Json
          id?: string
          kind: string
          link?: string | null
          org_id: string
          read_at?: string | null
          title: string
          user_id: string
        }
        Update: {
          body?: string | null
          created_at?: string
          data?: Json
          id?: string
          kind?: string
          link?: string | null
          org_id?: string
          read_at?: string | null
          title?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "notifications_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      organizations: {
        Row: {
          base_currency: string
          business_hours: Json
          created_at: string
          created_by: string | null
          fiscal_year_start_month: number
          holidays: string[]
          id: string
          locale: string
          name: string
          settings: Json
          slug: string
          time_zone: string
          updated_at: string
        }
        Insert: {
          base_currency?: string
          business_hours?: Json
          created_at?: string
          created_by?: string | null
          fiscal_year_start_month?: number
          holidays?: string[]
          id?: string
          locale?: string
          name: string
          settings?: Json
          slug: string
          time_zone?: string
          updated_at?: string
        }
        Update: {
          base_currency?: string
          business_hours?: Json
          created_at?: string
          created_by?: string | null
          fiscal_year_start_month?: number
          holidays?: string[]
          id?: string
          locale?: string
          name?: string
          settings?: Json
          slug?: string
          time_zone?: string
          updated_at?: string
        }
        Relationships: []
      }
      payment_allocations: {
        Row: {
          allocated_on: string
          amount: number
          created_at: string
          created_by: string | null
          credit_note_id: string | null
          document_date: string
          id: string
          invoice_id: string | null
          journal_entry_id: string | null
          org_id: string
          payment_date: string
          payment_id: string | null
          vendor_bill_id: string | null
        }
        Insert: {
          allocated_on?: string
          amount: number
          created_at?: string
          created_by?: string | null
          credit_note_id?: string | null
          document_date: string
          id?: string
          invoice_id?: string | null
          journal_entry_id?: string | null
          org_id: string
          payment_date: string
          payment_id?: string | null
          vendor_bill_id?: string | null
        }
        Update: {
          allocated_on?: string
          amount?: number
          created_at?: string
          created_by?: string | null
          credit_note_id?: string | null
          document_date?: string
          id?: string
          invoice_id?: string | null
          journal_entry_id?: string | null
          org_id?: string
          payment_date?: string
          payment_id?: string | null
          vendor_bill_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "payment_allocations_org_id_credit_note_id_fkey"
            columns: ["org_id", "credit_note_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "payment_allocations_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payment_allocations_org_id_invoice_id_fkey"
            columns: ["org_id", "invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "payment_allocations_org_id_journal_entry_id_fkey"
            columns: ["org_id", "journal_entry_id"]
            isOneToOne: false
            referencedRelation: "journal_entries"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "payment_allocations_org_id_payment_id_fkey"
            columns: ["org_id", "payment_id"]
            isOneToOne: false
            referencedRelation: "payments"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "payment_allocations_org_id_vendor_bill_id_fkey"
            columns: ["org_id", "vendor_bill_id"]
            isOneToOne: false
            referencedRelation: "vendor_bills"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      payments: {
        Row: {
          account_id: string
          allocated_amount: number
          amount: number
          created_at: string
          created_by: string | null
          currency: string
          direction: Database["public"]["Enums"]["payment_direction"]
          exchange_rate: number
          gl_account_id: string
          id: string
          idempotency_key: string | null
          journal_entry_id: string | null
          notes: string | null
          number: string
          org_id: string
          payment_date: string
          reference: string | null
        }
        Insert: {
          account_id: string
          allocated_amount?: number
          amount: number
          created_at?: string
          created_by?: string | null
          currency: string
          direction: Database["public"]["Enums"]["payment_direction"]
          exchange_rate?: number
          gl_account_id: string
          id?: string
          idempotency_key?: string | null
          journal_entry_id?: string | null
          notes?: string | null
          number: string
          org_id: string
          payment_date?: string
          reference?: string | null
        }
        Update: {
          account_id?: string
          allocated_amount?: number
          amount?: number
          created_at?: string
          created_by?: string | null
          currency?: string
          direction?: Database["public"]["Enums"]["payment_direction"]
          exchange_rate?: number
          gl_account_id?: string
          id?: string
          idempotency_key?: string | null
          journal_entry_id?: string | null
          notes?: string | null
          number?: string
          org_id?: string
          payment_date?: string
          reference?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "payments_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "payments_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payments_org_id_gl_account_id_fkey"
            columns: ["org_id", "gl_account_id"]
            isOneToOne: false
            referencedRelation: "gl_accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "payments_org_id_journal_entry_id_fkey"
            columns: ["org_id", "journal_entry_id"]
            isOneToOne: false
            referencedRelation: "journal_entries"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      pipeline_stages: {
        Row: {
          created_at: string
          id: string
          kind: Database["public"]["Enums"]["stage_kind"]
          name: string
          org_id: string
          pipeline_id: string
          position: number
          probability: number
          rotting_days: number | null
          updated_at: string
        }
        Insert: {
          created_at?: string
          id?: string
          kind?: Database["public"]["Enums"]["stage_kind"]
          name: string
          org_id: string
          pipeline_id: string
          position?: number
          probability?: number
          rotting_days?: number | null
          updated_at?: string
        }
        Update: {
          created_at?: string
          id?: string
          kind?: Database["public"]["Enums"]["stage_kind"]
          name?: string
          org_id?: string
          pipeline_id?: string
          position?: number
          probability?: number
          rotting_days?: number | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "pipeline_stages_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "pipeline_stages_org_id_pipeline_id_fkey"
            columns: ["org_id", "pipeline_id"]
            isOneToOne: false
            referencedRelation: "pipelines"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      pipelines: {
        Row: {
          archived_at: string | null
          created_at: string
          id: string
          is_default: boolean
          name: string
          org_id: string
          position: number
          updated_at: string
        }
        Insert: {
          archived_at?: string | null
          created_at?: string
          id?: string
          is_default?: boolean
          name: string
          org_id: string
          position?: number
          updated_at?: string
        }
        Update: {
          archived_at?: string | null
          created_at?: string
          id?: string
          is_default?: boolean
          name?: string
          org_id?: string
          position?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "pipelines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: true
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      price_list_items: {
        Row: {
          created_at: string
          id: string
          min_quantity: number
          org_id: string
          price_list_id: string
          product_id: string
          unit_price: number
          updated_at: string
        }
        Insert: {
          created_at?: string
          id?: string
          min_quantity?: number
          org_id: string
          price_list_id: string
          product_id: string
          unit_price: number
          updated_at?: string
        }
        Update: {
          created_at?: string
          id?: string
          min_quantity?: number
          org_id?: string
          price_list_id?: string
          product_id?: string
          unit_price?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "price_list_items_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "price_list_items_org_id_price_list_id_fkey"
            columns: ["org_id", "price_list_id"]
            isOneToOne: false
            referencedRelation: "price_lists"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "price_list_items_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      price_lists: {
        Row: {
          active: boolean
          created_at: string
          currency: string
          id: string
          is_default: boolean
          name: string
          org_id: string
          updated_at: string
          valid_from: string | null
          valid_to: string | null
        }
        Insert: {
          active?: boolean
          created_at?: string
          currency?: string
          id?: string
          is_default?: boolean
          name: string
          org_id: string
          updated_at?: string
          valid_from?: string | null
          valid_to?: string | null
        }
        Update: {
          active?: boolean
          created_at?: string
          currency?: string
          id?: string
          is_default?: boolean
          name?: string
          org_id?: string
          updated_at?: string
          valid_from?: string | null
          valid_to?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "price_lists_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: true
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      production_order_components: {
        Row: {
          bom_line_id: string | null
          consumed_quantity: number
          created_at: string
          demand_quantity: number
          id: string
          org_id: string
          position: number
          product_id: string
          production_order_id: string
          required_quantity: number
          reserved_quantity: number
          unit_cost: number | null
          updated_at: string
          warehouse_id: string
        }
        Insert: {
          bom_line_id?: string | null
          consumed_quantity?: number
          created_at?: string
          demand_quantity?: number
          id?: string
          org_id: string
          position?: number
          product_id: string
          production_order_id: string
          required_quantity: number
          reserved_quantity?: number
          unit_cost?: number | null
          updated_at?: string
          warehouse_id: string
        }
        Update: {
          bom_line_id?: string | null
          consumed_quantity?: number
          created_at?: string
          demand_quantity?: number
          id?: string
          org_id?: string
          position?: number
          product_id?: string
          production_order_id?: string
          required_quantity?: number
          reserved_quantity?: number
          unit_cost?: number | null
          updated_at?: string
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "production_order_components_org_id_bom_line_id_fkey"
            columns: ["org_id", "bom_line_id"]
            isOneToOne: false
            referencedRelation: "bom_lines"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "production_order_components_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "production_order_components_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "production_order_components_org_id_production_order_id_fkey"
            columns: ["org_id", "production_order_id"]
            isOneToOne: false
            referencedRelation: "production_orders"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "production_order_components_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      production_orders: {
        Row: {
          bom_id: string
          cancelled_at: string | null
          created_at: string
          created_by: string | null
          done_at: string | null
          done_by: string | null
          done_date: string | null
          id: string
          journal_entry_id: string | null
          labour_cost: number
          material_cost: number | null
          notes: string | null
          number: string | null
          org_id: string
          output_warehouse_id: string
          planned_date: string
          produced_quantity: number | null
          product_id: string
          quantity: number
          started_at: string | null
          started_by: string | null
          status: Database["public"]["Enums"]["production_order_status"]
          unit_cost: number | null
          updated_at: string
          warehouse_id: string
        }
        Insert: {
          bom_id: string
          cancelled_at?: string | null
          created_at?: string
          created_by?: string | null
          done_at?: string | null
          done_by?: string | null
          done_date?: string | null
          id?: string
          journal_entry_id?: string | null
          labour_cost?: number
          material_cost?: number | null
          notes?: string | null
          number?: string | null
          org_id: string
          output_warehouse_id: string
          planned_date?: string
          produced_quantity?: number | null
          product_id: string
          quantity: number
          started_at?: string | null
          started_by?: string | null
          status?: Database["public"]["Enums"]["production_order_status"]
          unit_cost?: number | null
          updated_at?: string
          warehouse_id: string
        }
        Update: {
          bom_id?: string
          cancelled_at?: string | null
          created_at?: string
          created_by?: string | null
          done_at?: string | null
          done_by?: string | null
          done_date?: string | null
          id?: string
          journal_entry_id?: string | null
          labour_cost?: number
          material_cost?: number | null
          notes?: string | null
          number?: string | null
          org_id?: string
          output_warehouse_id?: string
          planned_date?: string
          produced_quantity?: number | null
          product_id?: string
          quantity?: number
          started_at?: string | null
          started_by?: string | null
          status?: Database["public"]["Enums"]["production_order_status"]
          unit_cost?: number | null
          updated_at?: string
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "production_orders_org_id_bom_id_fkey"
            columns: ["org_id", "bom_id"]
            isOneToOne: false
            referencedRelation: "boms"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "production_orders_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "production_orders_org_id_journal_entry_id_fkey"
            columns: ["org_id", "journal_entry_id"]
            isOneToOne: false
            referencedRelation: "journal_entries"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "production_orders_org_id_output_warehouse_id_fkey"
            columns: ["org_id", "output_warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "production_orders_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "production_orders_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      products: {
        Row: {
          active: boolean
          allow_negative_stock: boolean | null
          archived_at: string | null
          barcode: string | null
          cost: number
          created_at: string
          created_by: string | null
          currency: string
          description: string | null
          id: string
          invoicing_policy: Database["public"]["Enums"]["invoicing_policy"]
          kind: Database["public"]["Enums"]["product_kind"]
          name: string
          org_id: string
          preferred_supplier_id: string | null
          sale_price: number
          sku: string
          tax_rate_id: string | null
          uom: string
          updated_at: string
        }
        Insert: {
          active?: boolean
          allow_negative_stock?: boolean | null
          archived_at?: string | null
          barcode?: string | null
          cost?: number
          created_at?: string
          created_by?: string | null
          currency?: string
          description?: string | null
          id?: string
          invoicing_policy?: Database["public"]["Enums"]["invoicing_policy"]
          kind?: Database["public"]["Enums"]["product_kind"]
          name: string
          org_id: string
          preferred_supplier_id?: string | null
          sale_price?: number
          sku: string
          tax_rate_id?: string | null
          uom?: string
          updated_at?: string
        }
        Update: {
          active?: boolean
          allow_negative_stock?: boolean | null
          archived_at?: string | null
          barcode?: string | null
          cost?: number
          created_at?: string
          created_by?: string | null
          currency?: string
          description?: string | null
          id?: string
          invoicing_policy?: Database["public"]["Enums"]["invoicing_policy"]
          kind?: Database["public"]["Enums"]["product_kind"]
          name?: string
          org_id?: string
          preferred_supplier_id?: string | null
          sale_price?: number
          sku?: string
          tax_rate_id?: string | null
          uom?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "products_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "products_org_id_preferred_supplier_id_fkey"
            columns: ["org_id", "preferred_supplier_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "products_org_id_tax_rate_id_fkey"
            columns: ["org_id", "tax_rate_id"]
            isOneToOne: false
            referencedRelation: "tax_rates"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      profiles: {
        Row: {
          avatar_path: string | null
          created_at: string
          default_org_id: string | null
          email: string | null
          full_name: string | null
          id: string
          updated_at: string
        }
        Insert: {
          avatar_path?: string | null
          created_at?: string
          default_org_id?: string | null
          email?: string | null
          full_name?: string | null
          id: string
          updated_at?: string
        }
        Update: {
          avatar_path?: string | null
          created_at?: string
          default_org_id?: string | null
          email?: string | null
          full_name?: string | null
          id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "profiles_default_org_id_fkey"
            columns: ["default_org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      projects: {
        Row: {
          account_id: string
          billing_method: string
          budget: number | null
          closed_at: string | null
          code: string
          created_at: string
          created_by: string | null
          currency: string
          deal_id: string | null
          description: string | null
          end_date: string | null
          expense_markup_pct: number
          hourly_rate: number | null
          id: string
          manager_id: string | null
          name: string
          org_id: string
          start_date: string | null
          status: Database["public"]["Enums"]["project_status"]
          tax_rate: number
          time_product_id: string | null
          updated_at: string
        }
        Insert: {
          account_id: string
          billing_method?: string
          budget?: number | null
          closed_at?: string | null
          code?: string
          created_at?: string
          created_by?: string | null
          currency?: string
          deal_id?: string | null
          description?: string | null
          end_date?: string | null
          expense_markup_pct?: number
          hourly_rate?: number | null
          id?: string
          manager_id?: string | null
          name: string
          org_id: string
          start_date?: string | null
          status?: Database["public"]["Enums"]["project_status"]
          tax_rate?: number
          time_product_id?: string | null
          updated_at?: string
        }
        Update: {
          account_id?: string
          billing_method?: string
          budget?: number | null
          closed_at?: string | null
          code?: string
          created_at?: string
          created_by?: string | null
          currency?: string
          deal_id?: string | null
          description?: string | null
          end_date?: string | null
          expense_markup_pct?: number
          hourly_rate?: number | null
          id?: string
          manager_id?: string | null
          name?: string
          org_id?: string
          start_date?: string | null
          status?: Database["public"]["Enums"]["project_status"]
          tax_rate?: number
          time_product_id?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "projects_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "projects_org_id_deal_id_fkey"
            columns: ["org_id", "deal_id"]
            isOneToOne: true
            referencedRelation: "deals"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "projects_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "projects_org_id_manager_id_fkey"
            columns: ["org_id", "manager_id"]
            isOneToOne: false
            referencedRelation: "memberships"
            referencedColumns: ["org_id", "user_id"]
          },
          {
            foreignKeyName: "projects_org_id_time_product_id_fkey"
            columns: ["org_id", "time_product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      purchase_order_lines: {
        Row: {
          billed_quantity: number
          created_at: string
          description: string | null
          id: string
          net_amount: number | null
          org_id: string
          position: number
          product_id: string
          purchase_order_id: string
          quantity: number
          received_quantity: number
          tax_rate: number
          unit_cost: number
          updated_at: string
        }
        Insert: {
          billed_quantity?: number
          created_at?: string
          description?: string | null
          id?: string
          net_amount?: never
          org_id: string
          position?: number
          product_id: string
          purchase_order_id: string
          quantity: number
          received_quantity?: number
          tax_rate?: number
          unit_cost: number
          updated_at?: string
        }
        Update: {
          billed_quantity?: number
          created_at?: string
          description?: string | null
          id?: string
          net_amount?: never
          org_id?: string
          position?: number
          product_id?: string
          purchase_order_id?: string
          quantity?: number
          received_quantity?: number
          tax_rate?: number
          unit_cost?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "purchase_order_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "purchase_order_lines_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "purchase_order_lines_org_id_purchase_order_id_fkey"
            columns: ["org_id", "purchase_order_id"]
            isOneToOne: false
            referencedRelation: "purchase_orders"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      purchase_orders: {
        Row: {
          confirmed_at: string | null
          created_at: string
          created_by: string | null
          currency: string
          exchange_rate: number
          expected_date: string | null
          id: string
          notes: string | null
          number: string | null
          order_date: string
          org_id: string
          source: string | null
          status: Database["public"]["Enums"]["purchase_order_status"]
          supplier_id: string
          supplier_reference: string | null
          updated_at: string
          warehouse_id: string
        }
        Insert: {
          confirmed_at?: string | null
          created_at?: string
          created_by?: string | null
          currency?: string
          exchange_rate?: number
          expected_date?: string | null
          id?: string
          notes?: string | null
          number?: string | null
          order_date?: string
          org_id: string
          source?: string | null
          status?: Database["public"]["Enums"]["purchase_order_status"]
          supplier_id: string
          supplier_reference?: string | null
          updated_at?: string
          warehouse_id: string
        }
        Update: {
          confirmed_at?: string | null
          created_at?: string
          created_by?: string | null
          currency?: string
          exchange_rate?: number
          expected_date?: string | null
          id?: string
          notes?: string | null
          number?: string | null
          order_date?: string
          org_id?: string
          source?: string | null
          status?: Database["public"]["Enums"]["purchase_order_status"]
          supplier_id?: string
          supplier_reference?: string | null
          updated_at?: string
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "purchase_orders_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "purchase_orders_org_id_supplier_id_fkey"
            columns: ["org_id", "supplier_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "purchase_orders_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      reorder_alerts: {
        Row: {
          available_at_open: number
          close_reason: string | null
          closed_at: string | null
          id: string
          on_order_at_open: number
          opened_at: string
          org_id: string
          product_id: string
          production_demand_at_open: number
          purchase_order_id: string | null
          reorder_point: number
          reorder_quantity: number
          status: Database["public"]["Enums"]["reorder_alert_status"]
          warehouse_id: string
        }
        Insert: {
          available_at_open: number
          close_reason?: string | null
          closed_at?: string | null
          id?: string
          on_order_at_open?: number
          opened_at?: string
          org_id: string
          product_id: string
          production_demand_at_open?: number
          purchase_order_id?: string | null
          reorder_point: number
          reorder_quantity: number
          status?: Database["public"]["Enums"]["reorder_alert_status"]
          warehouse_id: string
        }
        Update: {
          available_at_open?: number
          close_reason?: string | null
          closed_at?: string | null
          id?: string
          on_order_at_open?: number
          opened_at?: string
          org_id?: string
          product_id?: string
          production_demand_at_open?: number
          purchase_order_id?: string | null
          reorder_point?: number
          reorder_quantity?: number
          status?: Database["public"]["Enums"]["reorder_alert_status"]
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "reorder_alerts_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "reorder_alerts_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "reorder_alerts_org_id_purchase_order_id_fkey"
            columns: ["org_id", "purchase_order_id"]
            isOneToOne: false
            referencedRelation: "purchase_orders"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "reorder_alerts_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      reorder_rules: {
        Row: {
          created_at: string
          id: string
          org_id: string
          product_id: string
          reorder_point: number
          reorder_quantity: number
          updated_at: string
          warehouse_id: string
        }
        Insert: {
          created_at?: string
          id?: string
          org_id: string
          product_id: string
          reorder_point: number
          reorder_quantity: number
          updated_at?: string
          warehouse_id: string
        }
        Update: {
          created_at?: string
          id?: string
          org_id?: string
          product_id?: string
          reorder_point?: number
          reorder_quantity?: number
          updated_at?: string
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "reorder_rules_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "reorder_rules_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "reorder_rules_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      sales_account_daily: {
        Row: {
          account_id: string
          day: string
          invoices: number
          net_base: number
          org_id: string
        }
        Insert: {
          account_id: string
          day: string
          invoices?: number
          net_base?: number
          org_id: string
        }
        Update: {
          account_id?: string
          day?: string
          invoices?: number
          net_base?: number
          org_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "sales_account_daily_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "sales_account_daily_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      sales_order_lines: {
        Row: {
          created_at: string
          delivered_quantity: number
          description: string
          discount_pct: number
          id: string
          invoiced_quantity: number
          net_amount: number | null
          org_id: string
          position: number
          product_id: string | null
          quantity: number
          reserved_quantity: number
          returned_quantity: number
          sales_order_id: string
          tax_amount: number | null
          tax_rate: number
          unit_price: number
          updated_at: string
        }
        Insert: {
          created_at?: string
          delivered_quantity?: number
          description: string
          discount_pct?: number
          id?: string
          invoiced_quantity?: number
          net_amount?: never
          org_id: string
          position?: number
          product_id?: string | null
          quantity: number
          reserved_quantity?: number
          returned_quantity?: number
          sales_order_id: string
          tax_amount?: never
          tax_rate?: number
          unit_price?: number
          updated_at?: string
        }
        Update: {
          created_at?: string
          delivered_quantity?: number
          description?: string
          discount_pct?: number
          id?: string
          invoiced_quantity?: number
          net_amount?: never
          org_id?: string
          position?: number
          product_id?: string | null
          quantity?: number
          reserved_quantity?: number
          returned_quantity?: number
          sales_order_id?: string
          tax_amount?: never
          tax_rate?: number
          unit_price?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "sales_order_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "sales_order_lines_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "sales_order_lines_org_id_sales_order_id_fkey"
            columns: ["org_id", "sales_order_id"]
            isOneToOne: false
            referencedRelation: "sales_orders"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      sales_orders: {
        Row: {
          account_id: string
          cancelled_at: string | null
          confirmed_at: string | null
          contact_id: string | null
          created_at: string
          created_by: string | null
          currency: string
          customer_reference: string | null
          deal_id: string | null
          id: string
          notes: string | null
          number: string | null
          order_date: string
          org_id: string
          owner_id: string | null
          payment_terms_days: number | null
          promised_date: string | null
          status: Database["public"]["Enums"]["sales_order_status"]
          updated_at: string
          warehouse_id: string
        }
        Insert: {
          account_id: string
          cancelled_at?: string | null
          confirmed_at?: string | null
          contact_id?: string | null
          created_at?: string
          created_by?: string | null
          currency?: string
          customer_reference?: string | null
          deal_id?: string | null
          id?: string
          notes?: string | null
          number?: string | null
          order_date?: string
          org_id: string
          owner_id?: string | null
          payment_terms_days?: number | null
          promised_date?: string | null
          status?: Database["public"]["Enums"]["sales_order_status"]
          updated_at?: string
          warehouse_id: string
        }
        Update: {
          account_id?: string
          cancelled_at?: string | null
          confirmed_at?: string | null
          contact_id?: string | null
          created_at?: string
          created_by?: string | null
          currency?: string
          customer_reference?: string | null
          deal_id?: string | null
          id?: string
          notes?: string | null
          number?: string | null
          order_date?: string
          org_id?: string
          owner_id?: string | null
          payment_terms_days?: number | null
          promised_date?: string | null
          status?: Database["public"]["Enums"]["sales_order_status"]
          updated_at?: string
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "sales_orders_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "sales_orders_org_id_contact_id_fkey"
            columns: ["org_id", "contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "sales_orders_org_id_deal_id_fkey"
            columns: ["org_id", "deal_id"]
            isOneToOne: true
            referencedRelation: "deals"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "sales_orders_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "sales_orders_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "sales_orders_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      sales_product_daily: {
        Row: {
          day: string
          net_base: number
          org_id: string
          product_id: string
          quantity: number
        }
        Insert: {
          day: string
          net_base?: number
          org_id: string
          product_id: string
          quantity?: number
        }
        Update: {
          day?: string
          net_base?: number
          org_id?: string
          product_id?: string
          quantity?: number
        }
        Relationships: [
          {
            foreignKeyName: "sales_product_daily_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "sales_product_daily_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      sales_targets: {
        Row: {
          amount: number
          created_at: string
          created_by: string | null
          currency: string
          id: string
          month: string
          org_id: string
          updated_at: string
          user_id: string
        }
        Insert: {
          amount: number
          created_at?: string
          created_by?: string | null
          currency?: string
          id?: string
          month: string
          org_id: string
          updated_at?: string
          user_id: string
        }
        Update: {
          amount?: number
          created_at?: string
          created_by?: string | null
          currency?: string
          id?: string
          month?: string
          org_id?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "sales_targets_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "sales_targets_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      sales_team_members: {
        Row: {
          created_at: string
          org_id: string
          team_id: string
          user_id: string
        }
        Insert: {
          created_at?: string
          org_id: string
          team_id: string
          user_id: string
        }
        Update: {
          created_at?: string
          org_id?: string
          team_id?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "sales_team_members_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "sales_team_members_org_id_team_id_fkey"
            columns: ["org_id", "team_id"]
            isOneToOne: false
            referencedRelation: "sales_teams"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "sales_team_members_org_id_user_id_fkey"
            columns: ["org_id", "user_id"]
            isOneToOne: true
            referencedRelation: "memberships"
            referencedColumns: ["org_id", "user_id"]
          },
        ]
      }
      sales_teams: {
        Row: {
          created_at: string
          id: string
          name: string
          org_id: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          id?: string
          name: string
          org_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          id?: string
          name?: string
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "sales_teams_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      sla_policies: {
        Row: {
          created_at: string
          first_response_minutes: number
          id: string
          org_id: string
          priority: Database["public"]["Enums"]["ticket_priority"]
          resolution_minutes: number
          updated_at: string
        }
        Insert: {
          created_at?: string
          first_response_minutes: number
          id?: string
          org_id: string
          priority: Database["public"]["Enums"]["ticket_priority"]
          resolution_minutes: number
          updated_at?: string
        }
        Update: {
          created_at?: string
          first_response_minutes?: number
          id?: string
          org_id?: string
          priority?: Database["public"]["Enums"]["ticket_priority"]
          resolution_minutes?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "sla_policies_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      stock_count_lines: {
        Row: {
          count_id: string
          counted_at: string | null
          counted_by: string | null
          counted_quantity: number | null
          created_at: string
          expected_quantity: number
          id: string
          org_id: string
          posted_difference: number | null
          product_id: string
          updated_at: string
        }
        Insert: {
          count_id: string
          counted_at?: string | null
          counted_by?: string | null
          counted_quantity?: number | null
          created_at?: string
          expected_quantity?: number
          id?: string
          org_id: string
          posted_difference?: number | null
          product_id: string
          updated_at?: string
        }
        Update: {
          count_id?: string
          counted_at?: string | null
          counted_by?: string | null
          counted_quantity?: number | null
          created_at?: string
          expected_quantity?: number
          id?: string
          org_id?: string
          posted_difference?: number | null
          product_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "stock_count_lines_org_id_count_id_fkey"
            columns: ["org_id", "count_id"]
            isOneToOne: false
            referencedRelation: "stock_counts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "stock_count_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "stock_count_lines_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      stock_counts: {
        Row: {
          created_at: string
          created_by: string | null
          id: string
          note: string | null
          number: string | null
          org_id: string
          posted_at: string | null
          posted_by: string | null
          started_at: string
          status: Database["public"]["Enums"]["stock_count_status"]
          updated_at: string
          warehouse_id: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          id?: string
          note?: string | null
          number?: string | null
          org_id: string
          posted_at?: string | null
          posted_by?: string | null
          started_at?: string
          status?: Database["public"]["Enums"]["stock_count_status"]
          updated_at?: string
          warehouse_id: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          id?: string
          note?: string | null
          number?: string | null
          org_id?: string
          posted_at?: string | null
          posted_by?: string | null
          started_at?: string
          status?: Database["public"]["Enums"]["stock_count_status"]
          updated_at?: string
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "stock_counts_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "stock_counts_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      stock_daily_balances: {
        Row: {
          day: string
          org_id: string
          product_id: string
          quantity_delta: number
          value_delta: number
          warehouse_id: string
        }
        Insert: {
          day: string
          org_id: string
          product_id: string
          quantity_delta?: number
          value_delta?: number
          warehouse_id: string
        }
        Update: {
          day?: string
          org_id?: string
          product_id?: string
          quantity_delta?: number
          value_delta?: number
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "stock_daily_balances_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "stock_daily_balances_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "stock_daily_balances_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      stock_flow_daily: {
        Row: {
          day: string
          org_id: string
          product_id: string
          received: number
          shipped: number
          shipped_value: number
          warehouse_id: string
        }
        Insert: {
          day: string
          org_id: string
          product_id: string
          received?: number
          shipped?: number
          shipped_value?: number
          warehouse_id: string
        }
        Update: {
          day?: string
          org_id?: string
          product_id?: string
          received?: number
          shipped?: number
          shipped_value?: number
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "stock_flow_daily_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "stock_flow_daily_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "stock_flow_daily_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      stock_levels: {
        Row: {
          available: number | null
          last_movement_at: string | null
          on_hand: number
          org_id: string
          product_id: string
          reserved: number
          version: number
          warehouse_id: string
        }
        Insert: {
          available?: never
          last_movement_at?: string | null
          on_hand?: number
          org_id: string
          product_id: string
          reserved?: number
          version?: number
          warehouse_id: string
        }
        Update: {
          available?: never
          last_movement_at?: string | null
          on_hand?: number
          org_id?: string
          product_id?: string
          reserved?: number
          version?: number
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "stock_levels_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "stock_levels_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "stock_levels_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      stock_monthly: {
        Row: {
          month: string
          org_id: string
          product_id: string
          received: number
          shipped: number
          shipped_value: number
          value_delta: number
          value_moment: number
          warehouse_id: string
        }
        Insert: {
          month: string
          org_id: string
          product_id: string
          received?: number
          shipped?: number
          shipped_value?: number
          value_delta?: number
          value_moment?: number
          warehouse_id: string
        }
        Update: {
          month?: string
          org_id?: string
          product_id?: string
          received?: number
          shipped?: number
          shipped_value?: number
          value_delta?: number
          value_moment?: number
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "stock_monthly_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "stock_monthly_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "stock_monthly_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      stock_movements: {
        Row: {
          created_at: string
          created_by: string | null
          document_id: string | null
          document_line_id: string | null
          document_type: string | null
          id: number
          kind: Database["public"]["Enums"]["stock_movement_kind"]
          on_hand_delta: number
          org_id: string
          product_id: string
          reason: string | null
          reserved_delta: number
          transfer_id: string | null
          unit_cost: number | null
          warehouse_id: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          document_id?: string | null
          document_line_id?: string | null
          document_type?: string | null
          id?: never
          kind: Database["public"]["Enums"]["stock_movement_kind"]
          on_hand_delta?: number
          org_id: string
          product_id: string
          reason?: string | null
          reserved_delta?: number
          transfer_id?: string | null
          unit_cost?: number | null
          warehouse_id: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          document_id?: string | null
          document_line_id?: string | null
          document_type?: string | null
          id?: never
          kind?: Database["public"]["Enums"]["stock_movement_kind"]
          on_hand_delta?: number
          org_id?: string
          product_id?: string
          reason?: string | null
          reserved_delta?: number
          transfer_id?: string | null
          unit_cost?: number | null
          warehouse_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "stock_movements_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "stock_movements_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "stock_movements_org_id_warehouse_id_fkey"
            columns: ["org_id", "warehouse_id"]
            isOneToOne: false
            referencedRelation: "warehouses"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      tasks: {
        Row: {
          account_id: string | null
          assignee_id: string | null
          contact_id: string | null
          created_at: string
          created_by: string | null
          deal_id: string | null
          done_at: string | null
          due_at: string | null
          id: string
          lead_id: string | null
          notes: string | null
          org_id: string
          priority: Database["public"]["Enums"]["ticket_priority"]
          reminded_at: string | null
          reminder_at: string | null
          status: Database["public"]["Enums"]["task_status"]
          ticket_id: string | null
          title: string
          updated_at: string
        }
        Insert: {
          account_id?: string | null
          assignee_id?: string | null
          contact_id?: string | null
          created_at?: string
          created_by?: string | null
          deal_id?: string | null
          done_at?: string | null
          due_at?: string | null
          id?: string
          lead_id?: string | null
          notes?: string | null
          org_id: string
          priority?: Database["public"]["Enums"]["ticket_priority"]
          reminded_at?: string | null
          reminder_at?: string | null
          status?: Database["public"]["Enums"]["task_status"]
          ticket_id?: string | null
          title: string
          updated_at?: string
        }
        Update: {
          account_id?: string | null
          assignee_id?: string | null
          contact_id?: string | null
          created_at?: string
          created_by?: string | null
          deal_id?: string | null
          done_at?: string | null
          due_at?: string | null
          id?: string
          lead_id?: string | null
          notes?: string | null
          org_id?: string
          priority?: Database["public"]["Enums"]["ticket_priority"]
          reminded_at?: string | null
          reminder_at?: string | null
          status?: Database["public"]["Enums"]["task_status"]
          ticket_id?: string | null
          title?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "tasks_assignee_id_fkey"
            columns: ["assignee_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tasks_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "tasks_org_id_contact_id_fkey"
            columns: ["org_id", "contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "tasks_org_id_deal_id_fkey"
            columns: ["org_id", "deal_id"]
            isOneToOne: false
            referencedRelation: "deals"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "tasks_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tasks_org_id_lead_id_fkey"
            columns: ["org_id", "lead_id"]
            isOneToOne: false
            referencedRelation: "leads"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "tasks_org_id_ticket_id_fkey"
            columns: ["org_id", "ticket_id"]
            isOneToOne: false
            referencedRelation: "tickets"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      tax_rates: {
        Row: {
          active: boolean
          created_at: string
          id: string
          is_default: boolean
          name: string
          org_id: string
          rate: number
          updated_at: string
        }
        Insert: {
          active?: boolean
          created_at?: string
          id?: string
          is_default?: boolean
          name: string
          org_id: string
          rate: number
          updated_at?: string
        }
        Update: {
          active?: boolean
          created_at?: string
          id?: string
          is_default?: boolean
          name?: string
          org_id?: string
          rate?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "tax_rates_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: true
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      ticket_comments: {
        Row: {
          author_id: string | null
          body: string
          created_at: string
          id: string
          is_internal: boolean
          org_id: string
          ticket_id: string
        }
        Insert: {
          author_id?: string | null
          body: string
          created_at?: string
          id?: string
          is_internal?: boolean
          org_id: string
          ticket_id: string
        }
        Update: {
          author_id?: string | null
          body?: string
          created_at?: string
          id?: string
          is_internal?: boolean
          org_id?: string
          ticket_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "ticket_comments_author_id_fkey"
            columns: ["author_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ticket_comments_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ticket_comments_org_id_ticket_id_fkey"
            columns: ["org_id", "ticket_id"]
            isOneToOne: false
            referencedRelation: "tickets"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      tickets: {
        Row: {
          account_id: string | null
          archived_at: string | null
          assignee_id: string | null
          channel: Database["public"]["Enums"]["ticket_channel"]
          closed_at: string | null
          contact_id: string | null
          created_at: string
          created_by: string | null
          description: string | null
          first_responded_at: string | null
          first_response_due_at: string | null
          id: string
          number: string
          org_id: string
          priority: Database["public"]["Enums"]["ticket_priority"]
          resolution_due_at: string | null
          resolved_at: string | null
          search_vector: string | null
          status: Database["public"]["Enums"]["ticket_status"]
          subject: string
          tags: string[]
          updated_at: string
        }
        Insert: {
          account_id?: string | null
          archived_at?: string | null
          assignee_id?: string | null
          channel?: Database["public"]["Enums"]["ticket_channel"]
          closed_at?: string | null
          contact_id?: string | null
          created_at?: string
          created_by?: string | null
          description?: string | null
          first_responded_at?: string | null
          first_response_due_at?: string | null
          id?: string
          number?: string
          org_id: string
          priority?: Database["public"]["Enums"]["ticket_priority"]
          resolution_due_at?: string | null
          resolved_at?: string | null
          search_vector?: never
          status?: Database["public"]["Enums"]["ticket_status"]
          subject: string
          tags?: string[]
          updated_at?: string
        }
        Update: {
          account_id?: string | null
          archived_at?: string | null
          assignee_id?: string | null
          channel?: Database["public"]["Enums"]["ticket_channel"]
          closed_at?: string | null
          contact_id?: string | null
          created_at?: string
          created_by?: string | null
          description?: string | null
          first_responded_at?: string | null
          first_response_due_at?: string | null
          id?: string
          number?: string
          org_id?: string
          priority?: Database["public"]["Enums"]["ticket_priority"]
          resolution_due_at?: string | null
          resolved_at?: string | null
          search_vector?: never
          status?: Database["public"]["Enums"]["ticket_status"]
          subject?: string
          tags?: string[]
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "tickets_assignee_id_fkey"
            columns: ["assignee_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_org_id_account_id_fkey"
            columns: ["org_id", "account_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "tickets_org_id_contact_id_fkey"
            columns: ["org_id", "contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "tickets_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      timesheet_costs: {
        Row: {
          cost_amount: number
          costed_at: string
          entry_id: string
          hourly_cost: number
          org_id: string
        }
        Insert: {
          cost_amount: number
          costed_at?: string
          entry_id: string
          hourly_cost: number
          org_id: string
        }
        Update: {
          cost_amount?: number
          costed_at?: string
          entry_id?: string
          hourly_cost?: number
          org_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "timesheet_costs_org_id_entry_id_fkey"
            columns: ["org_id", "entry_id"]
            isOneToOne: false
            referencedRelation: "timesheet_entries"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "timesheet_costs_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
      timesheet_entries: {
        Row: {
          approved_at: string | null
          approved_by: string | null
          billable: boolean
          created_at: string
          created_by: string | null
          description: string | null
          employee_id: string
          entry_date: string
          hours: number
          id: string
          invoiced_invoice_id: string | null
          org_id: string
          production_order_id: string | null
          project_id: string | null
          rejected_at: string | null
          rejected_by: string | null
          rejection_reason: string | null
          status: Database["public"]["Enums"]["approval_status"]
          submitted_at: string | null
          updated_at: string
        }
        Insert: {
          approved_at?: string | null
          approved_by?: string | null
          billable?: boolean
          created_at?: string
          created_by?: string | null
          description?: string | null
          employee_id: string
          entry_date: string
          hours: number
          id?: string
          invoiced_invoice_id?: string | null
          org_id: string
          production_order_id?: string | null
          project_id?: string | null
          rejected_at?: string | null
          rejected_by?: string | null
          rejection_reason?: string | null
          status?: Database["public"]["Enums"]["approval_status"]
          submitted_at?: string | null
          updated_at?: string
        }
        Update: {
          approved_at?: string | null
          approved_by?: string | null
          billable?: boolean
          created_at?: string
          created_by?: string | null
          description?: string | null
          employee_id?: string
          entry_date?: string
          hours?: number
          id?: string
          invoiced_invoice_id?: string | null
          org_id?: string
          production_order_id?: string | null
          project_id?: string | null
          rejected_at?: string | null
          rejected_by?: string | null
          rejection_reason?: string | null
          status?: Database["public"]["Enums"]["approval_status"]
          submitted_at?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "timesheet_entries_org_id_employee_id_fkey"
            columns: ["org_id", "employee_id"]
            isOneToOne: false
            referencedRelation: "employees"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "timesheet_entries_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "timesheet_entries_org_id_invoiced_invoice_id_fkey"
            columns: ["org_id", "invoiced_invoice_id"]
            isOneToOne: false
            referencedRelation: "invoices"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "timesheet_entries_org_id_project_id_fkey"
            columns: ["org_id", "project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "timesheet_entries_production_order_fk"
            columns: ["org_id", "production_order_id"]
            isOneToOne: false
            referencedRelation: "production_orders"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      vendor_bill_lines: {
        Row: {
          created_at: string
          description: string
          id: string
          net_amount: number | null
          org_id: string
          product_id: string | null
          project_id: string | null
          purchase_order_line_id: string | null
          quantity: number
          tax_amount: number | null
          tax_rate: number
          unit_price: number
          updated_at: string
          vendor_bill_id: string
        }
        Insert: {
          created_at?: string
          description: string
          id?: string
          net_amount?: never
          org_id: string
          product_id?: string | null
          project_id?: string | null
          purchase_order_line_id?: string | null
          quantity: number
          tax_amount?: never
          tax_rate?: number
          unit_price: number
          updated_at?: string
          vendor_bill_id: string
        }
        Update: {
          created_at?: string
          description?: string
          id?: string
          net_amount?: never
          org_id?: string
          product_id?: string | null
          project_id?: string | null
          purchase_order_line_id?: string | null
          quantity?: number
          tax_amount?: never
          tax_rate?: number
          unit_price?: number
          updated_at?: string
          vendor_bill_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "vendor_bill_lines_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "vendor_bill_lines_org_id_product_id_fkey"
            columns: ["org_id", "product_id"]
            isOneToOne: false
            referencedRelation: "products"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "vendor_bill_lines_org_id_purchase_order_line_id_fkey"
            columns: ["org_id", "purchase_order_line_id"]
            isOneToOne: false
            referencedRelation: "purchase_order_lines"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "vendor_bill_lines_org_id_vendor_bill_id_fkey"
            columns: ["org_id", "vendor_bill_id"]
            isOneToOne: false
            referencedRelation: "vendor_bills"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "vendor_bill_lines_project_fk"
            columns: ["org_id", "project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      vendor_bills: {
        Row: {
          amount_paid: number
          bill_date: string
          created_at: string
          created_by: string | null
          currency: string
          due_date: string | null
          exchange_rate: number
          id: string
          journal_entry_id: string | null
          notes: string | null
          number: string | null
          org_id: string
          posted_at: string | null
          posted_by: string | null
          purchase_order_id: string | null
          status: Database["public"]["Enums"]["document_status"]
          subtotal: number
          supplier_id: string
          supplier_invoice_number: string | null
          tax_total: number
          total: number
          updated_at: string
        }
        Insert: {
          amount_paid?: number
          bill_date?: string
          created_at?: string
          created_by?: string | null
          currency?: string
          due_date?: string | null
          exchange_rate?: number
          id?: string
          journal_entry_id?: string | null
          notes?: string | null
          number?: string | null
          org_id: string
          posted_at?: string | null
          posted_by?: string | null
          purchase_order_id?: string | null
          status?: Database["public"]["Enums"]["document_status"]
          subtotal?: number
          supplier_id: string
          supplier_invoice_number?: string | null
          tax_total?: number
          total?: number
          updated_at?: string
        }
        Update: {
          amount_paid?: number
          bill_date?: string
          created_at?: string
          created_by?: string | null
          currency?: string
          due_date?: string | null
          exchange_rate?: number
          id?: string
          journal_entry_id?: string | null
          notes?: string | null
          number?: string | null
          org_id?: string
          posted_at?: string | null
          posted_by?: string | null
          purchase_order_id?: string | null
          status?: Database["public"]["Enums"]["document_status"]
          subtotal?: number
          supplier_id?: string
          supplier_invoice_number?: string | null
          tax_total?: number
          total?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "vendor_bills_journal_entry_fk"
            columns: ["org_id", "journal_entry_id"]
            isOneToOne: false
            referencedRelation: "journal_entries"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "vendor_bills_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "vendor_bills_org_id_purchase_order_id_fkey"
            columns: ["org_id", "purchase_order_id"]
            isOneToOne: false
            referencedRelation: "purchase_orders"
            referencedColumns: ["org_id", "id"]
          },
          {
            foreignKeyName: "vendor_bills_org_id_supplier_id_fkey"
            columns: ["org_id", "supplier_id"]
            isOneToOne: false
            referencedRelation: "accounts"
            referencedColumns: ["org_id", "id"]
          },
        ]
      }
      warehouses: {
        Row: {
          active: boolean
          address: string | null
          code: string
          created_at: string
          id: string
          is_default: boolean
          name: string
          org_id: string
          updated_at: string
        }
        Insert: {
          active?: boolean
          address?: string | null
          code: string
          created_at?: string
          id?: string
          is_default?: boolean
          name: string
          org_id: string
          updated_at?: string
        }
        Update: {
          active?: boolean
          address?: string | null
          code?: string
          created_at?: string
          id?: string
          is_default?: boolean
          name?: string
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "warehouses_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: true
            referencedRelation: "organizations"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      campaign_stats: {
        Row: {
          budget: number | null
          campaign_id: string | null
          converted_leads: number | null
          cost_per_lead: number | null
          currency: string | null
          deals: number | null
          leads: number | null
          name: string | null
          org_id: string | null
          return_on_budget: number | null
          won_amount: number | null
        }
        Insert: {
          budget?: number | null
          campaign_id?: string | null
          converted_leads?: never
          cost_per_lead?: never
          currency?: string | null
          deals?: never
          leads?: never
          name?: string | null
          org_id?: string | null
          return_on_budget?: never
          won_amount?: never
        }
        Update: {
          budget?: number | null
          campaign_id?: string | null
          converted_leads?: never
          cost_per_lead?: never
          currency?: string | null
          deals?: never
          leads?: never
          name?: string | null
          org_id?: string | null
          return_on_budget?: never
          won_amount?: never
        }
        Relationships: []
      }
      delivery_punctuality: {
        Row: {
          account_id: string | null
          days_late: number | null
          delivery_date: string | null
          delivery_id: string | null
          number: string | null
          on_time: boolean | null
          order_number: string | null
          org_id: string | null
          promised_date: string | null
          sales_order_id: string | null
          warehouse_id: string | null
        }
        Relationships: []
      }
      invoice_balances: {
        Row: {
          account_id: string | null
          amount_due: number | null
          amount_paid: number | null
          currency: string | null
          due_date: string | null
          exchange_rate: number | null
          id: string | null
          invoice_date: string | null
          kind: Database["public"]["Enums"]["invoice_kind"] | null
          number: string | null
          org_id: string | null
          payment_status: string | null
          sales_order_id: string | null
          status: Database["public"]["Enums"]["document_status"] | null
          total: number | null
        }
        Insert: {
          account_id?: string | null
          amount_due?: never
          amount_paid?: number | null
          currency?: string | null
          due_date?: string | null
          exchange_rate?: number | null
          id?: string | null
          invoice_date?: string | null
          kind?: Database["public"]["Enums"]["invoice_kind"] | null
          number?: string | null
          org_id?: string | null
          payment_status?: never
          sales_order_id?: string | null
          status?: Database["public"]["Enums"]["document_status"] | null
          total?: number | null
        }
        Update: {
          account_id?: string | null
          amount_due?: never
          amount_paid?: number | null
          currency?: string | null
          due_date?: string | null
          exchange_rate?: number | null
          id?: string | null
          invoice_date?: string | null
          kind?: Database["public"]["Enums"]["invoice_kind"] | null
          number?: string | null
          org_id?: string | null
          payment_status?: never
          sales_order_id?: string | null
          status?: Database["public"]["Enums"]["document_status"] | null
          total?: number | null
        }
        Relationships: []
      }
      stock_level_status: {
        Row: {
          available: number | null
          below_reorder: boolean | null
          last_movement_at: string | null
          on_hand: number | null
          org_id: string | null
          product_id: string | null
          reorder_point: number | null
          reserved: number | null
          stock_out: boolean | null
          version: number | null
          warehouse_id: string | null
        }
        Relationships: []
      }
      supplier_performance: {
        Row: {
          on_time_rate: number | null
          on_time_receipts: number | null
          org_id: string | null
          purchase_orders: number | null
          receipts: number | null
          supplier_id: string | null
        }
        Relationships: []
      }
      ticket_queue: {
        Row: {
          account_id: string | null
          archived_at: string | null
          assignee_id: string | null
          channel: Database["public"]["Enums"]["ticket_channel"] | null
          closed_at: string | null
          contact_id: string | null
          created_at: string | null
          created_by: string | null
          description: string | null
          first_responded_at: string | null
          first_response_breached: boolean | null
          first_response_due_at: string | null
          id: string | null
          next_breach_at: string | null
          number: string | null
          org_id: string | null
          priority: Database["public"]["Enums"]["ticket_priority"] | null
          resolution_breached: boolean | null
          resolution_due_at: string | null
          resolved_at: string | null
          status: Database["public"]["Enums"]["ticket_status"] | null
          subject: string | null
          tags: string[] | null
          updated_at: string | null
        }
        Insert: {
          account_id?: string | null
          archived_at?: string | null
          assignee_id?: string | null
          channel?: Database["public"]["Enums"]["ticket_channel"] | null
          closed_at?: string | null
          contact_id?: string | null
          created_at?: string | null
          created_by?: string | null
          description?: string | null
          first_responded_at?: string | null
          first_response_breached?: never
          first_response_due_at?: string | null
          id?: string | null
          next_breach_at?: never
          number?: string | null
          org_id?: string | null
          priority?: Database["public"]["Enums"]["ticket_priority"] | null
          resolution_breached?: never
          resolution_due_at?: string | null
          resolved_at?: string | null
          status?: Database["public"]["Enums"]["ticket_status"] | null
          subject?: string | null
          tags?: string[] | null
          updated_at?: string | null
        }
        Update: {
          account_id?: string | null
          archived_at?: string | null
          assignee_id?: string | null
          channel?: Database["public"]["Enums"]["ticket_channel"] | null
          closed_at?: string | null
          contact_id?: string | null
          created_at?: string | null
          created_by?: string | null
          description?: string | null
          first_responded_at?: string | null
          first_response_breached?: never
          first_response_due_at?: string | null
          id?: string | null
          next_breach_at?: never
          number?: string | null
          org_id?: string | null
          priority?: Database["public"]["Enums"]["ticket_priority"] | null
          resolution_breached?: never
          resolution_due_at?: string | null
          resolved_at?: string | null
          status?: Database["public"]["Enums"]["ticket_status"] | null
          subject?: string | null
          tags?: string[] | null
          updated_at?: string | null
        }
        Relationships: []
      }
      vendor_bill_balances: {
        Row: {
          amount_due: number | null
          amount_paid: number | null
          bill_date: string | null
          currency: string | null
          due_date: string | null
          exchange_rate: number | null
          id: string | null
          number: string | null
          org_id: string | null
          payment_status: string | null
          purchase_order_id: string | null
          status: Database["public"]["Enums"]["document_status"] | null
          supplier_id: string | null
          total: number | null
        }
        Insert: {
          amount_due?: never
          amount_paid?: number | null
          bill_date?: string | null
          currency?: string | null
          due_date?: string | null
          exchange_rate?: number | null
          id?: string | null
          number?: string | null
          org_id?: string | null
          payment_status?: never
          purchase_order_id?: string | null
          status?: Database["public"]["Enums"]["document_status"] | null
          supplier_id?: string | null
          total?: number | null
        }
        Update: {
          amount_due?: never
          amount_paid?: number | null
          bill_date?: string | null
          currency?: string | null
          due_date?: string | null
          exchange_rate?: number | null
          id?: string | null
          number?: string | null
          org_id?: string | null
          payment_status?: never
          purchase_order_id?: string | null
          status?: Database["public"]["Enums"]["document_status"] | null
          supplier_id?: string | null
          total?: number | null
        }
        Relationships: []
      }
    }
    Functions: {
      accept_invitation: {
        Args: {
          p_org_id: string
          p_token: string
        }
        Returns: Database["public"]["Tables"]["memberships"]["Row"]
      }
      adjust_stock: {
        Args: {
          p_org_id: string
          p_product_id: string
          p_warehouse_id: string
          p_quantity_delta: number
          p_reason: string
        }
        Returns: Database["public"]["Tables"]["stock_movements"]["Row"]
      }
      allocate_payment: {
        Args: {
          p_payment_id: string
          p_allocations: Json
          p_date?: string
        }
        Returns: Database["public"]["Tables"]["payments"]["Row"]
      }
      ap_aging: {
        Args: {
          p_org_id: string
          p_as_of?: string
        }
        Returns: {
          account_id: string
          account_name: string
          current_amount: number
          days_1_30: number
          days_31_60: number
          days_61_90: number
          days_over_90: number
          total_due: number
          unapplied_credit: number
          oldest_due_date: string
        }[]
      }
      approve_expenses: {
        Args: {
          p_org_id: string
          p_ids: string[]
        }
        Returns: Database["public"]["Tables"]["expenses"]["Row"][]
      }
      approve_timesheets: {
        Args: {
          p_org_id: string
          p_ids: string[]
        }
        Returns: Database["public"]["Tables"]["timesheet_entries"]["Row"][]
      }
      ar_aging: {
        Args: {
          p_org_id: string
          p_as_of?: string
        }
        Returns: {
          account_id: string
          account_name: string
          current_amount: number
          days_1_30: number
          days_31_60: number
          days_61_90: number
          days_over_90: number
          total_due: number
          unapplied_credit: number
          oldest_due_date: string
        }[]
      }
      attach_invoice_pdf: {
        Args: {
          p_invoice_id: string
          p_path: string
        }
        Returns: Database["public"]["Tables"]["invoices"]["Row"]
      }
      balance_sheet: {
        Args: {
          p_org_id: string
          p_as_of: string
        }
        Returns: Json
      }
      bank_reconciliation: {
        Args: {
          p_bank_account_id: string
          p_as_of?: string
        }
        Returns: {
          statement_balance: number
          ledger_balance: number
          unmatched_lines: number
          unmatched_lines_amount: number
          unreconciled_payments: number
          unreconciled_payments_amount: number
          difference: number
        }[]
      }
      can_build: {
        Args: {
          p_org_id: string
          p_product_id: string
          p_quantity?: number
          p_warehouse_id?: string
        }
        Returns: Json
      }
      cancel_production_order: {
        Args: {
          p_org_id: string
          p_id: string
        }
        Returns: Database["public"]["Tables"]["production_orders"]["Row"]
      }
      cancel_purchase_order: {
        Args: {
          p_po_id: string
        }
        Returns: Database["public"]["Tables"]["purchase_orders"]["Row"]
      }
      cancel_sales_order: {
        Args: {
          p_order_id: string
        }
        Returns: Database["public"]["Tables"]["sales_orders"]["Row"]
      }
      claim_outbox_emails: {
        Args: {
          p_limit?: number
        }
        Returns: Database["public"]["Tables"]["email_outbox"]["Row"][]
      }
      close_fiscal_period: {
        Args: {
          p_period_id: string
        }
        Returns: Database["public"]["Tables"]["fiscal_periods"]["Row"]
      }
      complete_outbox_email: {
        Args: {
          p_id: string
          p_ok: boolean
          p_provider_message_id?: string
          p_error?: string
        }
        Returns: undefined
      }
      complete_production_order: {
        Args: {
          p_org_id: string
          p_id: string
          p_quantity?: number
          p_labour_cost?: number
          p_date?: string
        }
        Returns: Database["public"]["Tables"]["production_orders"]["Row"]
      }
      confirm_purchase_order: {
        Args: {
          p_po_id: string
        }
        Returns: Database["public"]["Tables"]["purchase_orders"]["Row"]
      }
      confirm_sales_order: {
        Args: {
          p_order_id: string
        }
        Returns: Database["public"]["Tables"]["sales_orders"]["Row"]
      }
      convert_lead: {
        Args: {
          p_lead_id: string
          p_account_id?: string
          p_create_deal?: boolean
          p_stage_id?: string
          p_deal_title?: string
          p_amount?: number
        }
        Returns: Database["public"]["Tables"]["leads"]["Row"]
      }
      cost_uncosted_timesheets: {
        Args: {
          p_org_id: string
        }
        Returns: number
      }
      create_customer_return: {
        Args: {
          p_order_id: string
          p_reason?: string
        }
        Returns: Database["public"]["Tables"]["customer_returns"]["Row"]
      }
      create_delivery: {
        Args: {
          p_order_id: string
        }
        Returns: Database["public"]["Tables"]["deliveries"]["Row"]
      }
      create_goods_receipt: {
        Args: {
          p_po_id: string
        }
        Returns: Database["public"]["Tables"]["goods_receipts"]["Row"]
      }
      create_invitation: {
        Args: {
          p_org_id: string
          p_email: string
          p_role: Database["public"]["Enums"]["app_role"]
        }
        Returns: {
          invitation_id: string
          token: string
          expires_at: string
        }[]
      }
      create_invoice: {
        Args: {
          p_org_id: string
          p_idempotency_key: string
          p_sales_order_id?: string
          p_account_id?: string
          p_lines?: Json
          p_only_delivered?: boolean
          p_invoice_date?: string
          p_due_date?: string
          p_currency?: string
          p_notes?: string
          p_post?: boolean
        }
        Returns: Database["public"]["Tables"]["invoices"]["Row"]
      }
      create_invoice_request: {
        Args: {
          p_org_id: string
          p_idempotency_key: string
          p_sales_order_id?: string
          p_account_id?: string
          p_lines?: Json
          p_only_delivered?: boolean
          p_invoice_date?: string
          p_due_date?: string
          p_currency?: string
          p_notes?: string
        }
        Returns: {
          invoice_id: string
          created: boolean
        }[]
      }
      create_organization: {
        Args: {
          p_name: string
          p_slug: string
          p_base_currency?: string
          p_time_zone?: string
          p_locale?: string
          p_fiscal_year_start_month?: number
        }
        Returns: Database["public"]["Tables"]["organizations"]["Row"]
      }
      create_project_from_deal: {
        Args: {
          p_org_id: string
          p_deal_id: string
        }
        Returns: Database["public"]["Tables"]["projects"]["Row"]
      }
      create_project_invoice: {
        Args: {
          p_org_id: string
          p_project_id: string
          p_idempotency_key: string
          p_up_to?: string
          p_invoice_date?: string
          p_due_date?: string
          p_notes?: string
        }
        Returns: Database["public"]["Tables"]["invoices"]["Row"]
      }
      create_project_invoice_request: {
        Args: {
          p_org_id: string
          p_idempotency_key: string
          p_project_id: string
          p_up_to?: string
          p_invoice_date?: string
          p_due_date?: string
          p_notes?: string
        }
        Returns: {
          invoice_id: string
          created: boolean
        }[]
      }
      create_sales_order_from_deal: {
        Args: {
          p_deal_id: string
        }
        Returns: Database["public"]["Tables"]["sales_orders"]["Row"]
      }
      credit_invoice: {
        Args: {
          p_invoice_id: string
          p_lines?: Json
          p_reason?: string
        }
        Returns: Database["public"]["Tables"]["invoices"]["Row"]
      }
      customer_kpis: {
        Args: {
          p_org_id: string
          p_from: string
          p_to: string
        }
        Returns: Json
      }
      deal_board: {
        Args: {
          p_org_id: string
          p_pipeline_id?: string
        }
        Returns: Json
      }
      deal_list_totals: {
        Args: {
          p_org_id: string
          p_q?: string
          p_owner_id?: string
          p_status?: Database["public"]["Enums"]["deal_status"]
          p_pipeline_id?: string
          p_tag?: string
          p_close_from?: string
          p_close_to?: string
          p_min?: number
          p_max?: number
          p_stage_id?: string
          p_team_id?: string
          p_closed_from?: string
          p_closed_to?: string
          p_created_from?: string
          p_created_to?: string
          p_reached_stage_id?: string
        }
        Returns: Json
      }
      enqueue_invitation_email: {
        Args: {
          p_invitation_id: string
          p_accept_url: string
        }
        Returns: string
      }
      erase_person: {
        Args: {
          p_user_id: string
        }
        Returns: undefined
      }
      explode_bom: {
        Args: {
          p_org_id: string
          p_product_id: string
          p_quantity?: number
          p_levels?: number
          p_bom_id?: string
        }
        Returns: {
          level: number
          path: string[]
          sku_path: string[]
          parent_product_id: string
          product_id: string
          sku: string
          name: string
          uom: string
          bom_line_id: string
          quantity: number
          scrap_pct: number
          unit_cost: number
          bom_id: string
          is_leaf: boolean
        }[]
      }
      finance_kpis: {
        Args: {
          p_org_id: string
          p_from: string
          p_to: string
        }
        Returns: Json
      }
      find_duplicates: {
        Args: {
          p_org_id: string
          p_entity?: string
        }
        Returns: {
          match_key: string
          match_on: string
          ids: string[]
          names: string[]
        }[]
      }
      general_ledger: {
        Args: {
          p_org_id: string
          p_gl_account_id: string
          p_from: string
          p_to: string
          p_limit?: number
          p_offset?: number
        }
        Returns: Json
      }
      import_accounts: {
        Args: {
          p_org_id: string
          p_rows: Json
        }
        Returns: Json
      }
      import_bank_statement: {
        Args: {
          p_bank_account_id: string
          p_file_name: string
          p_rows: Json
        }
        Returns: Database["public"]["Tables"]["bank_statement_imports"]["Row"]
      }
      import_contacts: {
        Args: {
          p_org_id: string
          p_rows: Json
        }
        Returns: Json
      }
      import_products: {
        Args: {
          p_org_id: string
          p_rows: Json
        }
        Returns: Json
      }
      inventory_kpis: {
        Args: {
          p_org_id: string
          p_from: string
          p_to: string
          p_warehouse_id?: string
        }
        Returns: Json
      }
      invoice_list_totals: {
        Args: {
          p_org_id: string
          p_status?: string
          p_overdue?: boolean
          p_customer_id?: string
          p_kind?: Database["public"]["Enums"]["invoice_kind"]
          p_from?: string
          p_to?: string
        }
        Returns: Json
      }
      issue_material_to_project: {
        Args: {
          p_org_id: string
          p_project_id: string
          p_product_id: string
          p_warehouse_id: string
          p_quantity: number
          p_reason?: string
          p_date?: string
        }
        Returns: Database["public"]["Tables"]["stock_movements"]["Row"]
      }
      lead_kpis: {
        Args: {
          p_org_id: string
          p_from: string
          p_to: string
          p_owner_id?: string
          p_team_id?: string
        }
        Returns: Json
      }
      match_bank_line: {
        Args: {
          p_line_id: string
          p_payment_id?: string
          p_invoice_id?: string
          p_vendor_bill_id?: string
        }
        Returns: Database["public"]["Tables"]["bank_statement_lines"]["Row"]
      }
      merge_accounts: {
        Args: {
          p_survivor: string
          p_duplicates: string[]
        }
        Returns: Database["public"]["Tables"]["accounts"]["Row"]
      }
      merge_contacts: {
        Args: {
          p_survivor: string
          p_duplicates: string[]
        }
        Returns: Database["public"]["Tables"]["contacts"]["Row"]
      }
      move_deal: {
        Args: {
          p_deal_id: string
          p_stage_id: string
          p_after_id?: string
          p_before_id?: string
          p_lost_reason?: string
        }
        Returns: Database["public"]["Tables"]["deals"]["Row"]
      }
      org_member_profiles: {
        Args: {
          p_org_id: string
        }
        Returns: {
          id: string
          full_name: string
          email: string
          avatar_path: string
          role: Database["public"]["Enums"]["app_role"]
        }[]
      }
      plan_production_order: {
        Args: {
          p_org_id: string
          p_product_id: string
          p_quantity: number
          p_warehouse_id?: string
          p_bom_id?: string
          p_planned_date?: string
          p_output_warehouse_id?: string
          p_notes?: string
        }
        Returns: Database["public"]["Tables"]["production_orders"]["Row"]
      }
      post_customer_return: {
        Args: {
          p_return_id: string
        }
        Returns: Database["public"]["Tables"]["customer_returns"]["Row"]
      }
      post_delivery: {
        Args: {
          p_delivery_id: string
        }
        Returns: Database["public"]["Tables"]["deliveries"]["Row"]
      }
      post_goods_receipt: {
        Args: {
          p_receipt_id: string
        }
        Returns: Database["public"]["Tables"]["goods_receipts"]["Row"]
      }
      post_invoice: {
        Args: {
          p_invoice_id: string
        }
        Returns: Database["public"]["Tables"]["invoices"]["Row"]
      }
      post_journal_entry: {
        Args: {
          p_entry_id: string
        }
        Returns: Database["public"]["Tables"]["journal_entries"]["Row"]
      }
      post_stock_count: {
        Args: {
          p_count_id: string
          p_accept_moved?: boolean
        }
        Returns: Database["public"]["Tables"]["stock_counts"]["Row"]
      }
      post_vendor_bill: {
        Args: {
          p_bill_id: string
        }
        Returns: Database["public"]["Tables"]["vendor_bills"]["Row"]
      }
      product_price: {
        Args: {
          p_org_id: string
          p_product_id: string
          p_account_id?: string
          p_quantity?: number
        }
        Returns: {
          unit_price: number
          currency: string
          tax_rate: number
          price_list_id: string
          price_list_name: string
        }[]
      }
      profit_and_loss: {
        Args: {
          p_org_id: string
          p_from: string
          p_to: string
        }
        Returns: Json
      }
      project_margin: {
        Args: {
          p_org_id: string
          p_project_id: string
        }
        Returns: Json
      }
      raise_reorder_alerts: {
        Args: {
          p_org_id?: string
          p_product_id?: string
          p_warehouse_id?: string
        }
        Returns: Database["public"]["Tables"]["reorder_alerts"]["Row"][]
      }
      receive_stock: {
        Args: {
          p_org_id: string
          p_product_id: string
          p_warehouse_id: string
          p_quantity: number
          p_unit_cost: number
          p_reason?: string
        }
        Returns: Database["public"]["Tables"]["stock_movements"]["Row"]
      }
      record_payment: {
        Args: {
          p_org_id: string
          p_direction: Database["public"]["Enums"]["payment_direction"]
          p_account_id: string
          p_amount: number
          p_payment_date?: string
          p_currency?: string
          p_gl_account_id?: string
          p_reference?: string
          p_allocations?: Json
          p_idempotency_key?: string
          p_notes?: string
        }
        Returns: Database["public"]["Tables"]["payments"]["Row"]
      }
      reject_expenses: {
        Args: {
          p_org_id: string
          p_ids: string[]
          p_reason: string
        }
        Returns: Database["public"]["Tables"]["expenses"]["Row"][]
      }
      reject_timesheets: {
        Args: {
          p_org_id: string
          p_ids: string[]
          p_reason: string
        }
        Returns: Database["public"]["Tables"]["timesheet_entries"]["Row"][]
      }
      release_stock: {
        Args: {
          p_org_id: string
          p_product_id: string
          p_warehouse_id: string
          p_quantity: number
          p_document_type?: string
          p_document_id?: string
          p_document_line_id?: string
        }
        Returns: Database["public"]["Tables"]["stock_movements"]["Row"]
      }
      reserve_sales_order: {
        Args: {
          p_order_id: string
        }
        Returns: Database["public"]["Tables"]["sales_orders"]["Row"]
      }
      reserve_stock: {
        Args: {
          p_org_id: string
          p_product_id: string
          p_warehouse_id: string
          p_quantity: number
          p_document_type?: string
          p_document_id?: string
          p_document_line_id?: string
        }
        Returns: Database["public"]["Tables"]["stock_movements"]["Row"]
      }
      reverse_journal_entry: {
        Args: {
          p_entry_id: string
          p_date?: string
          p_reason?: string
        }
        Returns: Database["public"]["Tables"]["journal_entries"]["Row"]
      }
      sales_kpis: {
        Args: {
          p_org_id: string
          p_from: string
          p_to: string
          p_owner_id?: string
          p_team_id?: string
          p_pipeline_id?: string
        }
        Returns: Json
      }
      save_bom: {
        Args: {
          p_org_id: string
          p_bom: Json
          p_lines: Json
          p_bom_id?: string
        }
        Returns: string
      }
      save_timesheet_week: {
        Args: {
          p_org_id: string
          p_employee_id: string
          p_week_start: string
          p_entries: Json
        }
        Returns: Database["public"]["Tables"]["timesheet_entries"]["Row"][]
      }
      search_records: {
        Args: {
          p_org_id: string
          p_query: string
          p_limit?: number
        }
        Returns: {
          kind: string
          id: string
          title: string
          subtitle: string
          score: number
        }[]
      }
      send_invoice_email: {
        Args: {
          p_invoice_id: string
        }
        Returns: Database["public"]["Tables"]["invoices"]["Row"]
      }
      ship_stock: {
        Args: {
          p_org_id: string
          p_product_id: string
          p_warehouse_id: string
          p_quantity: number
          p_from_reserved?: number
          p_document_type?: string
          p_document_id?: string
          p_document_line_id?: string
        }
        Returns: Database["public"]["Tables"]["stock_movements"]["Row"]
      }
      start_production_order: {
        Args: {
          p_org_id: string
          p_id: string
        }
        Returns: Database["public"]["Tables"]["production_orders"]["Row"]
      }
      start_stock_count: {
        Args: {
          p_org_id: string
          p_warehouse_id: string
          p_product_ids?: string[]
          p_note?: string
        }
        Returns: Database["public"]["Tables"]["stock_counts"]["Row"]
      }
      stock_valuation: {
        Args: {
          p_org_id: string
          p_as_of?: string
          p_warehouse_id?: string
        }
        Returns: {
          product_id: string
          sku: string
          name: string
          uom: string
          quantity: number
          value: number
        }[]
      }
      submit_expenses: {
        Args: {
          p_org_id: string
          p_ids: string[]
        }
        Returns: Database["public"]["Tables"]["expenses"]["Row"][]
      }
      submit_timesheet_week: {
        Args: {
          p_org_id: string
          p_employee_id: string
          p_week_start: string
        }
        Returns: Database["public"]["Tables"]["timesheet_entries"]["Row"][]
      }
      suggest_bank_matches: {
        Args: {
          p_line_id: string
        }
        Returns: {
          kind: string
          id: string
          number: string
          partner_name: string
          document_date: string
          amount: number
          score: number
        }[]
      }
      support_kpis: {
        Args: {
          p_org_id: string
          p_from: string
          p_to: string
          p_assignee_id?: string
        }
        Returns: Json
      }
      tax_report: {
        Args: {
          p_org_id: string
          p_from: string
          p_to: string
        }
        Returns: {
          direction: string
          tax_rate: number
          taxable_amount: number
          tax_amount: number
          documents: number
        }[]
      }
      transfer_stock: {
        Args: {
          p_org_id: string
          p_product_id: string
          p_from_warehouse_id: string
          p_to_warehouse_id: string
          p_quantity: number
          p_reason?: string
        }
        Returns: string
      }
      trial_balance: {
        Args: {
          p_org_id: string
          p_from: string
          p_to: string
        }
        Returns: Json
      }
      unmatch_bank_line: {
        Args: {
          p_line_id: string
        }
        Returns: Database["public"]["Tables"]["bank_statement_lines"]["Row"]
      }
      withdraw_expenses: {
        Args: {
          p_org_id: string
          p_ids: string[]
        }
        Returns: Database["public"]["Tables"]["expenses"]["Row"][]
      }
      withdraw_timesheet_week: {
        Args: {
          p_org_id: string
          p_employee_id: string
          p_week_start: string
        }
        Returns: Database["public"]["Tables"]["timesheet_entries"]["Row"][]
      }
    }
    Enums: {
      activity_kind:
        | "call"
        | "email"
        | "meeting"
        | "note"
      address_kind:
        | "billing"
        | "shipping"
        | "other"
      app_role:
        | "owner"
        | "admin"
        | "manager"
        | "sales"
        | "support"
        | "warehouse"
        | "accountant"
        | "viewer"
      approval_status:
        | "draft"
        | "submitted"
        | "approved"
        | "rejected"
      campaign_channel:
        | "email"
        | "social"
        | "ads"
        | "event"
        | "referral"
        | "other"
      campaign_status:
        | "planned"
        | "active"
        | "completed"
        | "cancelled"
      deal_status:
        | "open"
        | "won"
        | "lost"
      document_status:
        | "draft"
        | "posted"
        | "cancelled"
      email_status:
        | "queued"
        | "sending"
        | "sent"
        | "failed"
      expense_status:
        | "draft"
        | "submitted"
        | "approved"
        | "rejected"
        | "invoiced"
      gl_account_type:
        | "asset"
        | "liability"
        | "equity"
        | "income"
        | "expense"
      invoice_kind:
        | "invoice"
        | "credit_note"
      invoicing_policy:
        | "ordered"
        | "delivered"
      journal_status:
        | "draft"
        | "posted"
      lead_status:
        | "new"
        | "contacted"
        | "qualified"
        | "unqualified"
        | "converted"
      party_kind:
        | "company"
        | "person"
      payment_direction:
        | "incoming"
        | "outgoing"
      product_kind:
        | "stocked"
        | "service"
        | "consumable"
      production_order_status:
        | "planned"
        | "in_progress"
        | "done"
        | "cancelled"
      project_status:
        | "active"
        | "closed"
      purchase_order_status:
        | "draft"
        | "sent"
        | "partially_received"
        | "received"
        | "closed"
        | "cancelled"
      reorder_alert_status:
        | "open"
        | "closed"
      sales_order_status:
        | "draft"
        | "confirmed"
        | "partially_delivered"
        | "delivered"
        | "cancelled"
      stage_kind:
        | "open"
        | "won"
        | "lost"
      stock_count_status:
        | "open"
        | "posted"
        | "cancelled"
      stock_movement_kind:
        | "receipt"
        | "shipment"
        | "transfer_out"
        | "transfer_in"
        | "adjustment"
        | "count"
        | "production_in"
        | "production_out"
        | "return_in"
        | "reservation"
        | "release"
      task_status:
        | "open"
        | "done"
      ticket_channel:
        | "email"
        | "phone"
        | "web"
        | "chat"
      ticket_priority:
        | "low"
        | "normal"
        | "high"
        | "urgent"
      ticket_status:
        | "new"
        | "open"
        | "pending"
        | "resolved"
        | "closed"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  graphql_public: {
    Enums: {
    },
  },
  public: {
    Enums: {
      activity_kind: ["call", "email", "meeting", "note"],
      address_kind: ["billing", "shipping", "other"],
      app_role: ["owner", "admin", "manager", "sales", "support", "warehouse", "accountant", "viewer"],
      approval_status: ["draft", "submitted", "approved", "rejected"],
      campaign_channel: ["email", "social", "ads", "event", "referral", "other"],
      campaign_status: ["planned", "active", "completed", "cancelled"],
      deal_status: ["open", "won", "lost"],
      document_status: ["draft", "posted", "cancelled"],
      email_status: ["queued", "sending", "sent", "failed"],
      expense_status: ["draft", "submitted", "approved", "rejected", "invoiced"],
      gl_account_type: ["asset", "liability", "equity", "income", "expense"],
      invoice_kind: ["invoice", "credit_note"],
      invoicing_policy: ["ordered", "delivered"],
      journal_status: ["draft", "posted"],
      lead_status: ["new", "contacted", "qualified", "unqualified", "converted"],
      party_kind: ["company", "person"],
      payment_direction: ["incoming", "outgoing"],
      product_kind: ["stocked", "service", "consumable"],
      production_order_status: ["planned", "in_progress", "done", "cancelled"],
      project_status: ["active", "closed"],
      purchase_order_status: ["draft", "sent", "partially_received", "received", "closed", "cancelled"],
      reorder_alert_status: ["open", "closed"],
      sales_order_status: ["draft", "confirmed", "partially_delivered", "delivered", "cancelled"],
      stage_kind: ["open", "won", "lost"],
      stock_count_status: ["open", "posted", "cancelled"],
      stock_movement_kind: ["receipt", "shipment", "transfer_out", "transfer_in", "adjustment", "count", "production_in", "production_out", "return_in", "reservation", "release"],
      task_status: ["open", "done"],
      ticket_channel: ["email", "phone", "web", "chat"],
      ticket_priority: ["low", "normal", "high", "urgent"],
      ticket_status: ["new", "open", "pending", "resolved", "closed"],
    },
  },
} as const
