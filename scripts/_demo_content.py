"""The text of the Harrowdene Borough Council demo documents (fictional authority, our own prose).

Harrowdene, its people, places, figures and reference numbers are invented.  Telephone
numbers use Ofcom's 01632 960xxx range, which is reserved for drama and never connects.
Page boundaries here are real PDF page boundaries: make_demo_documents.py relies on them
for the phrase-on-page facts that tests use, and checks them after every run.
"""

# Long lines are document text and markup table rows; wrapping them would hurt readability.
# ruff: noqa: E501

from __future__ import annotations

from datetime import date

from _pdfkit import Doc

WHO = "who-we-are"
SPEND = "what-we-spend"
PRIORITIES = "priorities-and-performance"
DECISIONS = "decisions"
POLICIES = "policies-and-procedures"
LISTS = "lists-and-registers"
SERVICES = "services"

# --------------------------------------------------------------------------- who we are

ORGANISATION_CHART = Doc(
    path=f"{WHO}/organisation-chart-and-senior-staff.pdf",
    title="Organisation Chart and Senior Staff",
    published=date(2025, 4, 1),
    subject="Senior management structure of Harrowdene Borough Council",
    pages=(
        """
        # Organisation Chart and Senior Staff

        Harrowdene Borough Council employs around 2,340 people (1,960 full-time equivalent
        posts, excluding staff employed directly by schools). This document sets out the
        senior management structure as at 1 April 2025, what each directorate is responsible
        for, and how to contact senior officers. We update it whenever a post at director
        level or above changes, so that residents can always see who is accountable for
        each service.

        ## Corporate Leadership Team

        | Post | Postholder | Reports to |
        | Chief Executive and Head of Paid Service | Daniel Achterberg | Full Council |
        | Corporate Director of People (Director of Children's Services and Director of Adult Social Services) | Adaeze Nwosu | Chief Executive |
        | Corporate Director of Place | Tom Brackley | Chief Executive |
        | Director of Finance and Section 151 Officer | Priya Ramaswamy | Chief Executive |
        | Director of Law and Governance and Monitoring Officer | Helen Whitcombe | Chief Executive |
        | Director of Public Health | Dr Simon Garland | Chief Executive |
        | Director of Resources | Gareth Pell | Chief Executive |

        ## Statutory officers

        The law requires every principal council to designate three statutory officers, and
        none of them may be the same person. The Head of Paid Service (the Chief Executive)
        is responsible for how the council's staff are organised and managed. The Section
        151 Officer (the Director of Finance) is responsible for the proper administration of
        the council's financial affairs and must report to Full Council if a budget is
        unlawful or unbalanced. The Monitoring Officer (the Director of Law and Governance)
        makes sure the council acts lawfully, keeps the Constitution under review and deals
        with complaints that a councillor has breached the Members' Code of Conduct.

        The council also appoints a Director of Children's Services and a Director of Adult
        Social Services, both statutory roles held by the Corporate Director of People, and a
        Director of Public Health appointed jointly with the UK Health Security Agency.
        """,
        """
        ## Directorates and heads of service

        ### People directorate

        - Head of Early Help and Children's Social Care: Lorraine Fitch
        - Head of SEND and Inclusion: Marcus Dyer
        - Head of Adult Social Care Operations: Ruth Kaminski
        - Head of Commissioning and Partnerships: Jaswinder Sandhu
        - Head of Education Standards: Imogen Tully

        ### Place directorate

        - Head of Planning and Building Control: Colin Redfern
        - Head of Environmental Services (waste, street cleansing, parks): Nadia Brennan
        - Head of Housing Needs and Housing Delivery: Joseph Mensah
        - Head of Highways, Transport and Parking: Fiona Cartwright
        - Head of Regeneration and Economy: Luca Bianchi

        ### Resources directorate

        - Head of Customer Services and Information Governance (Data Protection Officer): Alison Birch
        - Head of Human Resources and Organisational Development: Samuel Ortiz
        - Head of ICT and Digital: Rebecca Lowe
        - Head of Property and Facilities: Neil Haworth
        - Chief Internal Auditor: Margaret Oyelaran

        ## How the structure fits together

        Each corporate director chairs a directorate management team that meets weekly.
        The Corporate Leadership Team meets every Tuesday and meets the Cabinet informally
        once a month to agree forward plans. Heads of service are the first point of escalation
        for complaints that have not been resolved by a service team.

        ## Contacting senior officers

        Write to any senior officer at Harrowdene Civic Centre, Station Road, Harrowdene
        HW1 4CC, or email firstname.lastname@harrowdene.gov.uk. The main switchboard is
        01632 960 000 and is staffed from 8.30am to 5pm, Monday to Friday. The salaries of
        senior staff are published in the Pay Policy Statement, in the "What we spend and how
        we spend it" class of this publication scheme.
        """,
    ),
)

COUNCILLORS_AND_WARDS = Doc(
    # Deliberately has no /Title: the heading on page 1 is all a title heuristic gets.
    path=f"{WHO}/councillors-and-wards.pdf",
    title=None,
    published=date(2025, 5, 21),
    pages=(
        """
        # Councillors and Wards

        The borough is divided into 16 wards, each represented by three councillors, making
        48 councillors in all. Councillors are elected for four-year terms; the last all-out
        elections took place on 4 May 2023 and the next are due on 6 May 2027. The council
        operates a Leader and Cabinet model of executive arrangements: Full Council elects the
        Leader, and the Leader appoints up to nine other councillors to the Cabinet.

        ## Political composition

        | Group | Councillors |
        | Harrowdene First | 27 |
        | Community Alliance | 14 |
        | Green Group | 4 |
        | Independent (not in a group) | 3 |

        ## The Leader and Cabinet

        - Leader of the Council: Cllr Margaret Okonjo (Brookmead)
        - Deputy Leader and Cabinet Member for Finance and Resources: Cllr Raymond Kells (Eastgate)
        - Cabinet Member for Children and Families: Cllr Sophie Adeyemi (Parkside)
        - Cabinet Member for Adult Social Care and Health: Cllr Brian Tolland (Dunmore)
        - Cabinet Member for Housing and Regeneration: Cllr Farah Iqbal (Oakfield)
        - Cabinet Member for Environment and Climate: Cllr Owen Pryce (Riverside)
        - Cabinet Member for Community Safety and Leisure: Cllr Janet Whitlow (Castle Hill)

        ## Civic roles

        The Mayor for 2025-26 is Cllr Peter Lindqvist (Westholme) and the Deputy Mayor is
        Cllr Grace Ebbs (Northfield). The Mayor chairs Full Council, is the borough's first
        citizen and attends around 300 civic engagements a year. The Leader of the Opposition
        is Cllr Dennis Marlowe (Community Alliance, Greystones).
        """,
        """
        ## Wards and electorate

        Electorate figures are taken from the revised register published on 1 December 2024.

        | Ward | Electorate | Ward surgery venue |
        | Ashcombe | 8,912 | Ashcombe Library |
        | Beckfield | 9,204 | Beckfield Community Hall |
        | Brookmead | 8,677 | Brookmead Methodist Church Hall |
        | Castle Hill | 9,530 | Castle Hill Youth Centre |
        | Dunmore | 8,341 | Dunmore Sports Pavilion |
        | Eastgate | 9,866 | Eastgate Library |
        | Fairlop Green | 7,958 | Fairlop Green Village Hall |
        | Greystones | 8,420 | Greystones Community Centre |
        | Harrowdene Central | 10,215 | Civic Centre |
        | Kestrel Lane | 8,803 | Kestrel Lane Primary School |
        | Millbrook | 9,122 | Millbrook Pavilion |
        | Northfield | 8,596 | Northfield Library |
        | Oakfield | 9,748 | Oakfield Children's Centre |
        | Parkside | 9,017 | Parkside Community Hall |
        | Riverside | 8,265 | Riverside Rowing Club |
        | Westholme | 8,734 | Westholme Scout Hut |

        ## Allowances

        Every councillor receives a basic allowance of £11,240 a year. Councillors with extra
        responsibilities, such as Cabinet members and committee chairs, also receive a special
        responsibility allowance. The full scheme, recommended by the Independent
        Remuneration Panel, and the amounts paid to each councillor are published every July.

        ## Contacting your councillor

        Councillors hold surgeries in their ward, usually on the first Saturday of the month.
        You do not need an appointment. You can also write to any councillor at the Civic
        Centre or find their email address on the council website.
        """,
    ),
)

DRAFT_RESTRUCTURING = Doc(
    # Not for publication: the sidecar says public = false.  The word "zephyrine" must
    # never appear in any search result; make_demo_documents.py checks it appears nowhere else.
    path=f"{WHO}/draft-restructuring-proposal.pdf",
    title="DRAFT - Senior Management Restructuring Proposal",
    published=date(2025, 6, 2),
    sidecar="""\
title = "Draft senior management restructuring proposal"
summary = "Internal draft for the Corporate Leadership Team. Not for publication until consultation with staff and trade unions has concluded."
published = 2025-06-02
class = "who-we-are"
public = false
""",
    pages=(
        """
        # DRAFT - Senior Management Restructuring Proposal

        Restricted: Corporate Leadership Team only. Not for publication. Working title:
        Project Zephyrine.

        ## Purpose

        This paper sets out the zephyrine restructuring option for discussion by the
        Corporate Leadership Team on 10 June 2025. It proposes merging the Place and
        Resources directorates under a single corporate director from 1 January 2026,
        deleting one director post and two head of service posts, and saving an estimated
        £412,000 a year from 2026-27 after one-off redundancy and pension strain costs of
        around £380,000.

        ## Options considered

        - Option A: no change (no saving; not recommended).
        - Option B: merge Place and Resources (the zephyrine restructuring option; recommended for consultation).
        - Option C: share a Director of Resources with a neighbouring authority (saving uncertain; legal advice awaited).

        ## Next steps

        Formal consultation with affected staff and the recognised trade unions would run for
        45 days. No decision has been taken and this draft must not be circulated beyond the
        Corporate Leadership Team and the Head of Human Resources.
        """,
    ),
)

# ---------------------------------------------------------------------- what we spend

STATEMENT_OF_ACCOUNTS = Doc(
    path=f"{SPEND}/statement-of-accounts-2024-25.pdf",
    title="Statement of Accounts 2024-25",
    published=date(2025, 6, 30),
    subject="Unaudited statement of accounts for the year ended 31 March 2025",
    pages=(
        """
        # Statement of Accounts 2024-25

        Unaudited accounts for the year ended 31 March 2025, published on 30 June 2025 in
        accordance with the Accounts and Audit Regulations 2015.

        ## Narrative report by the Director of Finance

        The council set a net revenue budget of £203.9m for 2024-25. The final outturn was an
        overspend of £2.7m, equivalent to 1.3 per cent of the net budget. The main pressure
        was in children's social care, where the cost of placements for looked-after children
        exceeded the budget by £4.1m as the number of children in residential care rose from
        31 to 38. Adult social care was £0.9m over budget because of higher home care rates.
        These pressures were partly offset by £1.6m of additional interest on cash balances
        and £0.7m of vacancy savings across the Resources directorate.

        The overspend was met from the general fund balance, which fell from £16.9m to
        £14.2m. This is above the minimum level of £12.0m recommended in the Section 25
        report that accompanied the 2024-25 budget, but the council cannot rely on balances
        to meet recurring pressures, and the 2025-26 budget includes £6.3m of growth for
        children's placements.

        ## Capital expenditure

        Capital spending in the year was £71.4m against a revised programme of £84.0m. The
        largest schemes were the new 420-place Northfield primary school (£14.8m), the
        housing delivery programme (£19.2m), highways resurfacing (£11.6m) and replacement of
        refuse vehicles (£4.3m). Slippage of £12.6m has been carried forward into 2025-26.

        ## Where the money came from

        Gross expenditure on services totalled £612.8m. Of this, £413.2m was met from fees,
        charges, specific grants and the Dedicated Schools Grant. The remainder was funded by
        council tax (£122.6m), retained business rates (£47.1m) and general government grants.
        """,
        """
        ## Comprehensive Income and Expenditure Statement

        Figures in £000 for the year ended 31 March 2025.

        | Service | Gross expenditure | Gross income | Net expenditure |
        | Adult Social Care | 142,310 | 61,880 | 80,430 |
        | Children's Services | 118,640 | 66,220 | 52,420 |
        | Schools (Dedicated Schools Grant) | 162,380 | 162,380 | 0 |
        | Environment and Neighbourhoods | 48,910 | 17,350 | 31,560 |
        | Housing (General Fund) | 36,780 | 29,140 | 7,640 |
        | Planning, Regeneration and Transport | 27,450 | 15,830 | 11,620 |
        | Public Health | 21,960 | 21,410 | 550 |
        | Resources and Corporate | 54,370 | 38,990 | 15,380 |
        | Cost of services | 612,800 | 413,200 | 199,600 |

        ## Notes to the statement

        Housing (General Fund) includes £24.9m of housing benefit paid to private tenants,
        almost all of which is reimbursed by the Department for Work and Pensions. Public
        Health is funded by a ring-fenced grant of £21.4m; the small net cost reflects
        spending on the healthy weight programme funded from earmarked reserves.

        After other operating expenditure, financing and investment income and expenditure,
        and taxation and non-specific grant income, the council recorded a deficit on the
        provision of services of £8.3m. This accounting deficit includes non-cash charges for
        depreciation and pensions that are reversed out before the impact on council tax is
        calculated, which is why it differs from the £2.7m revenue overspend described in the
        narrative report.

        Employee benefits expenses were £148.7m, including £6.1m of employer pension
        contributions above the current service cost. Payments to councillors under the
        members' allowances scheme totalled £692,000.
        """,
        """
        ## Balance Sheet as at 31 March 2025

        | Item | 31 March 2025 (£000) | 31 March 2024 (£000) |
        | Property, plant and equipment | 1,143,200 | 1,098,640 |
        | Long-term investments | 24,500 | 24,500 |
        | Short-term investments | 31,000 | 42,000 |
        | Cash and cash equivalents | 18,740 | 22,310 |
        | Short-term debtors | 46,310 | 43,870 |
        | Short-term creditors | (58,920) | (55,160) |
        | Long-term borrowing | (312,600) | (298,400) |
        | Net pensions liability | (96,400) | (118,200) |
        | Net assets | 795,830 | 759,560 |
        | Usable reserves | 88,500 | 97,340 |
        | Unusable reserves | 707,330 | 662,220 |
        | Total reserves | 795,830 | 759,560 |

        ## Pensions

        The council is an employer in the Local Government Pension Scheme. The net pensions
        liability of £96.4m is the difference between the value of the council's share of the
        fund's assets and the present value of the pensions it has promised to pay. The
        liability fell by £21.8m during the year, mainly because higher corporate bond yields
        increased the discount rate used by the actuary from 4.8 to 5.4 per cent. The
        liability does not have to be paid immediately: it is met over time through employer
        contributions set at each triennial valuation.

        ## Borrowing

        Long-term borrowing rose by £14.2m to fund the capital programme. All new borrowing
        was taken from the Public Works Loan Board at an average rate of 4.9 per cent over 40
        years. The capital financing requirement at 31 March 2025 was £401.3m.
        """,
        """
        ## Usable reserves

        | Reserve | 31 March 2025 (£000) |
        | General fund balance | 14,200 |
        | Earmarked reserves | 52,640 |
        | Schools balances | 6,930 |
        | Capital receipts reserve | 9,870 |
        | Capital grants unapplied | 4,860 |
        | Total usable reserves | 88,500 |

        Earmarked reserves include £11.0m set aside for the equal pay and job evaluation
        review, £8.4m for insurance claims, £7.2m for the transformation programme and £5.0m
        held against the Dedicated Schools Grant deficit on high needs.

        ## Your right to inspect the accounts

        Any person may inspect the accounts and supporting documents during the public
        inspection period, which runs from 1 July to 11 August 2025. Local electors may also
        ask the external auditor questions about the accounts or object to an item in them.
        To arrange an inspection, email accounts@harrowdene.gov.uk or telephone 01632 960 214.

        ## Audit

        The accounts are audited by Marston Pryor LLP. The audited accounts and the auditor's
        opinion will be presented to the Audit and Governance Committee on 24 September 2025.

        ## Statement of responsibilities

        I certify that the Statement of Accounts presents a true and fair view of the
        financial position of Harrowdene Borough Council at 31 March 2025 and of its income
        and expenditure for the year then ended.

        Priya Ramaswamy, Director of Finance and Section 151 Officer, 30 June 2025.
        """,
    ),
)

PAY_POLICY = Doc(
    path=f"{SPEND}/pay-policy-statement-2025-26.pdf",
    title="Pay Policy Statement 2025-26",
    published=date(2025, 2, 27),
    subject="Senior salaries and chief executive remuneration",
    pages=(
        """
        # Pay Policy Statement 2025-26

        Approved by Full Council on 26 February 2025 under section 38 of the Localism Act 2011.

        ## Purpose

        Every year the council must publish a statement of its policy on the pay of its chief
        officers and its lowest-paid employees, and on the relationship between the two. The
        statement applies to all staff employed by the council except those employed by
        schools, whose pay is set by governing bodies.

        ## Pay structure

        Most employees are paid on the national NJC pay spine, using the council's local
        grades 1 to 14. Grades were set through job evaluation using the Greater London
        Provincial Council scheme. Each grade has four or five incremental points and staff
        move up one point each April until they reach the top of the grade, subject to
        satisfactory performance. Chief officers are paid on four local grades, CO1 to CO4,
        which are reviewed by the Appointments and Remuneration Committee.

        ## Lowest-paid employees

        Harrowdene has been an accredited Real Living Wage employer since 2019. From 1 April
        2025 no employee is paid less than £12.60 an hour, which is £24,310 a year for a
        full-time employee working 37 hours a week. The council defines its lowest-paid
        employees as those on the lowest point of grade 1, excluding apprentices.

        ## Pay awards

        Pay awards for staff below chief officer level follow the national agreements reached
        by the National Joint Council for Local Government Services. Chief officers receive the
        award agreed by the Joint Negotiating Committee for Chief Officers. The council does
        not pay performance-related pay or bonuses to any employee.
        """,
        """
        ## Chief Executive remuneration

        The Chief Executive is paid a salary of £178,450 a year, on a single spot salary with
        no increments. The Chief Executive also acts as the Returning Officer for local,
        parliamentary and police and crime commissioner elections. Returning officer fees are
        paid separately by the body funding each election, and were £9,870 for the
        parliamentary general election held on 4 July 2024. The Chief Executive receives no
        bonus, car allowance or other benefit in kind.

        ## Senior salaries

        | Post | Grade | Salary from 1 April 2025 |
        | Chief Executive | Spot | £178,450 |
        | Corporate Director of People | CO1 | £146,200 |
        | Corporate Director of Place | CO1 | £139,800 |
        | Director of Finance and Section 151 Officer | CO2 | £128,300 |
        | Director of Law and Governance | CO3 | £117,650 |
        | Director of Public Health | CO3 | £116,900 |
        | Director of Resources | CO3 | £112,400 |

        Salaries above £100,000 must be approved by Full Council before a post is advertised.
        The council publishes the names of postholders earning £150,000 or more, and the job
        titles of those earning £50,000 or more, in its annual senior salaries disclosure.

        ## Recruitment of chief officers

        Chief officers are normally appointed on the lowest point of their grade. An
        appointment at a higher point needs the agreement of the Appointments and Remuneration
        Committee, which must be satisfied that the candidate's experience justifies it.
        """,
        """
        ## Pay multiples

        The council compares the pay of its highest-paid employee with the median earnings of
        its workforce and with the pay of its lowest-paid employees. Both comparisons use
        full-time equivalent base salary at 1 April 2025.

        | Measure | Value |
        | Median full-time equivalent salary | £31,540 |
        | Lowest full-time equivalent salary | £24,310 |
        | Ratio of highest paid to median | 5.7 to 1 |
        | Ratio of highest paid to lowest paid | 7.3 to 1 |

        The council's policy is that the ratio of highest paid to median earnings should not
        exceed 8 to 1. Full Council will be told if a proposed salary would breach this limit.

        ## Severance and re-employment

        Redundancy payments are calculated on actual weekly pay, using the statutory table of
        weeks, multiplied by 1.5. The council does not award added years. Any severance package
        of £100,000 or more must be approved by Full Council. A former employee who received a
        severance payment may not be re-engaged, as an employee or consultant, within 12 months
        of leaving unless the Chief Executive agrees that there is an exceptional business need.

        ## Pensions

        All employees may join the Local Government Pension Scheme. The employer contribution
        rate for 2025-26 is 18.9 per cent of pensionable pay. The council's discretions policy
        under the scheme regulations is published separately.

        ## Review

        This statement will be reviewed by the Appointments and Remuneration Committee in
        January 2026 and presented to Full Council with the 2026-27 budget.
        """,
    ),
)

BUDGET = Doc(
    path=f"{SPEND}/budget-2025-26.pdf",
    title="Budget 2025-26",
    published=date(2025, 2, 27),
    sidecar="""\
title = "Revenue and Capital Budget 2025-26"
summary = "The budget agreed by Full Council on 26 February 2025: a net revenue budget of £214.6m, Band D council tax of £1,987.41 and a £96.3m capital programme."
published = 2025-02-27
keywords = ["budget", "council tax", "capital programme", "savings"]
class = "what-we-spend"
""",
    pages=(
        """
        # Budget 2025-26

        ## Summary

        Full Council agreed the budget for 2025-26 on 26 February 2025. The net revenue budget
        is £214.6m, an increase of £10.7m on 2024-25. Council tax for a Band D property rises
        by 4.99 per cent to £1,987.41 a year, made up of a 2.99 per cent general increase and
        the 2 per cent adult social care precept allowed by the government. This is the
        council's element only; the police and fire precepts are set separately and are added
        to council tax bills.

        The budget includes £18.6m of unavoidable cost pressures, the largest being children's
        placements (£6.3m), adult social care packages (£5.8m), the national pay award (£3.9m)
        and the rise in employer National Insurance contributions (£2.6m). To balance the
        budget the council will make £9.8m of savings and use £1.5m of earmarked reserves.

        ## Council tax by band

        | Band | Property value (1991) | Annual charge 2025-26 |
        | A | Up to £40,000 | £1,324.94 |
        | B | £40,001 to £52,000 | £1,545.76 |
        | C | £52,001 to £68,000 | £1,766.59 |
        | D | £68,001 to £88,000 | £1,987.41 |
        | E | £88,001 to £120,000 | £2,429.06 |
        | F | £120,001 to £160,000 | £2,870.70 |
        | G | £160,001 to £320,000 | £3,312.35 |
        | H | Over £320,000 | £3,974.82 |

        Around 14,300 households on low incomes receive help through the council tax reduction
        scheme, which will continue to provide up to 85 per cent support in 2025-26.
        """,
        """
        ## Revenue budget by service

        Figures in £000.

        | Service | 2024-25 budget | 2025-26 budget |
        | Adult Social Care | 81,230 | 86,940 |
        | Children's Services | 50,470 | 57,310 |
        | Environment and Neighbourhoods | 32,150 | 32,880 |
        | Housing (General Fund) | 7,210 | 8,420 |
        | Planning, Regeneration and Transport | 11,880 | 11,950 |
        | Resources and Corporate | 16,940 | 16,200 |
        | Capital financing and levies | 11,320 | 12,400 |
        | Contingency | 2,500 | 3,500 |
        | Savings and income not yet allocated to services | (9,800) | (15,000) |
        | Net revenue budget | 203,900 | 214,600 |

        ## How the budget is funded

        | Source | 2025-26 (£000) |
        | Council tax | 128,700 |
        | Retained business rates | 49,300 |
        | Revenue support grant | 12,800 |
        | Social care grants | 21,600 |
        | New homes bonus and other grants | 2,200 |
        | Total funding | 214,600 |

        Public Health is funded by a ring-fenced grant of £22.1m and the Dedicated Schools
        Grant of £168.9m passes to schools, so neither appears in the net revenue budget.
        """,
        """
        ## Capital programme 2025-26

        The capital programme for 2025-26 totals £96.3m, funded from government grants
        (£38.2m), developer contributions (£9.6m), capital receipts (£7.4m) and prudential
        borrowing (£41.1m).

        | Scheme | 2025-26 (£m) |
        | School places expansion | 21.7 |
        | Housing delivery programme | 29.6 |
        | Thornbury Leisure Centre refurbishment | 18.4 |
        | Highways and footway maintenance | 14.2 |
        | Fleet decarbonisation | 5.1 |
        | Disabled facilities grants | 3.9 |
        | ICT infrastructure | 3.4 |
        | Total | 96.3 |

        The Thornbury Leisure Centre refurbishment replaces the 1974 pool hall roof, adds a
        learner pool and installs air-source heat pumps, cutting the centre's carbon emissions
        by an estimated 60 per cent. The centre will close for 14 months from September 2025.

        ## Savings

        The £9.8m of savings include a review of home to school transport (£1.4m), moving more
        customer contact online (£0.9m), reducing agency staffing in children's social care
        (£2.1m), new commercial income from the Civic Centre (£0.6m) and a reduction in office
        accommodation (£0.8m). Each saving has an equality impact assessment.

        ## Robustness of estimates and adequacy of reserves

        In her statement under section 25 of the Local Government Act 2003, the Director of
        Finance confirmed that the estimates are robust and that reserves are adequate, but
        warned that the medium-term financial strategy shows a gap of £21.4m by 2027-28 that
        must be closed through the transformation programme.
        """,
    ),
)

# ------------------------------------------------------------ priorities and performance

ANNUAL_REPORT = Doc(
    path=f"{PRIORITIES}/annual-report-2024-25.pdf",
    title="Annual Report 2024-25",
    published=date(2025, 7, 15),
    subject="What the council achieved in 2024-25 against its priorities",
    pages=(
        """
        # Annual Report 2024-25

        ## Foreword from the Leader and the Chief Executive

        This report sets out what Harrowdene Borough Council achieved between April 2024 and
        March 2025, where we fell short, and what we will do next. It was a year of real
        financial pressure: demand for children's social care and temporary accommodation
        continued to grow faster than our income. Even so, we opened a new primary school,
        completed more affordable homes than in any year since 2010 and raised the borough's
        recycling rate for the third year running.

        We want residents to be able to hold us to account, so every measure in this report is
        compared with the target we set in last year's action plan. Where we missed a target
        we say so and explain why.

        Cllr Margaret Okonjo, Leader of the Council, and Daniel Achterberg, Chief Executive.

        ## The year in numbers

        - 187,400 residents and 79,600 households.
        - 412 affordable homes completed, against a target of 350.
        - 46.8 per cent of household waste recycled or composted, up from 44.1 per cent.
        - 96 per cent of council tax collected in year.
        - 1.38 million visits to our libraries, leisure centres and parks buildings.
        - 2,912 complaints received, 81 per cent answered within timescale.
        """,
        """
        ## A cleaner and greener borough

        The recycling rate rose to 46.8 per cent after we introduced weekly food waste
        collections to all 52,000 kerbside households in June 2024. Residual waste per
        household fell by 31 kilograms. We planted 1,850 street and park trees, exceeding our
        target of 1,500, and 12 of our parks kept their Green Flag awards.

        Fly-tipping incidents fell by 12 per cent to 3,214. We issued 486 fixed penalty
        notices for fly-tipping and secured 19 prosecutions. The new hotspot cameras in
        Eastgate and Castle Hill have reduced repeat dumping at those sites by two thirds.

        We cut the council's own carbon emissions by 9 per cent, mainly by switching 30
        refuse and street cleansing vehicles to hydrotreated vegetable oil and fitting LED
        street lighting on a further 4,100 columns. We remain on track for our commitment to
        make the council's own operations net zero by 2035.

        ## Safer, stronger communities

        Anti-social behaviour reports fell by 8 per cent. The Community Safety Partnership
        funded 14 youth diversion projects reaching 1,120 young people. Our licensing team
        carried out 640 inspections and reviewed the licences of three premises following
        police representations.
        """,
        """
        ## Homes for local people

        We completed 412 affordable homes, including 186 for social rent, through our own
        housing delivery programme and our partnerships with housing associations. The number
        of households in temporary accommodation nevertheless rose from 571 to 618, and the
        number of families in bed and breakfast accommodation for more than six weeks, which
        should be zero, averaged 11 during the year. Reducing this is our top housing priority
        for 2025-26.

        Our private sector housing team inspected 1,030 privately rented homes and served 214
        improvement notices. The selective licensing scheme in Harrowdene Central and
        Riverside now covers 6,800 privately rented homes.

        ## Children and young people

        The new 420-place Northfield Primary School opened in September 2024. Ninety-one per
        cent of the borough's schools are now rated good or outstanding by Ofsted. The number
        of children looked after by the council rose from 298 to 316.

        Only 58 per cent of new EHC plans were issued within the statutory 20 weeks, well
        below our target of 75 per cent and the national average. We have recruited four more
        educational psychologists and changed how we commission assessments, and timeliness
        in the final quarter of the year improved to 69 per cent.

        ## Health and independence

        We supported 2,860 adults with long-term care and support, 71 per cent of them in
        their own homes. Discharges from hospital into reablement rose by 14 per cent.
        """,
        """
        ## Delivering on our promises

        In November 2024 the Millbrook Household Waste Recycling Centre reopened after a
        £2.3m rebuild. The new split-level site has 26 container bays, a reuse shop run with a
        local charity and separate lanes for vans and trailers, and it has cut queues on
        Saturdays from over 40 minutes to under 10.

        ## Performance against our targets

        | Measure | 2023-24 | 2024-25 | Target | Status |
        | Household waste recycled or composted | 44.1% | 46.8% | 46.0% | Met |
        | Affordable homes completed | 301 | 412 | 350 | Met |
        | Council tax collected in year | 95.7% | 96.0% | 96.5% | Missed |
        | EHC plans issued within 20 weeks | 49% | 58% | 75% | Missed |
        | Complaints answered within timescale | 77% | 81% | 85% | Missed |
        | FOI requests answered within 20 working days | 88% | 93% | 90% | Met |
        | Major planning applications decided in time | 86% | 91% | 85% | Met |
        | Households in temporary accommodation | 571 | 618 | 550 | Missed |

        ## Looking ahead

        Our Corporate Plan 2025-2029, agreed in March 2025, sets four priorities: good homes
        for everyone, a thriving local economy, children and adults who are safe and well, and
        a clean, green and connected borough. Quarterly performance reports to Cabinet will
        track progress against each priority, and we will publish next year's annual report in
        July 2026.
        """,
    ),
)

CORPORATE_PLAN = Doc(
    path=f"{PRIORITIES}/corporate-plan-2025-2029.pdf",
    title="Corporate Plan 2025-2029: A Fairer Harrowdene",
    published=date(2025, 3, 14),
    sidecar="""\
title = "Corporate Plan 2025-2029"
summary = "Our four priorities for the next four years and the actions, milestones and measures we will report against each quarter."
published = 2025-03-14
keywords = ["corporate plan", "priorities", "action plan", "performance"]
class = "priorities-and-performance"
""",
    pages=(
        """
        # Corporate Plan 2025-2029: A Fairer Harrowdene

        ## Our ambition

        By 2029 we want Harrowdene to be a borough where everyone has a secure and affordable
        home, where local businesses can grow, where children get the best start in life and
        adults live independently for longer, and where neighbourhoods are clean, green and
        easy to get around without a car.

        This plan was agreed by Full Council on 12 March 2025 after a consultation that drew
        3,460 responses from residents, businesses and voluntary groups. It sets out four
        priorities, the actions we will take, and how we will measure progress. It is
        supported by an annual action plan and a medium-term financial strategy.

        ## Our four priorities

        - Good homes for everyone.
        - A thriving local economy.
        - Children and adults who are safe and well.
        - A clean, green and connected borough.

        ## Our values

        We will be open about what we do and what it costs, listen before we decide, treat
        everyone fairly and spend public money as carefully as residents spend their own.
        Every decision report to Cabinet will say which priority it supports and what its
        equality impact is.
        """,
        """
        ## Action plan 2025-26

        | Priority | Action | Lead | Milestone |
        | Good homes | Start building 240 council homes on four sites | Head of Housing Needs and Housing Delivery | Start on site by December 2025 |
        | Good homes | End the use of bed and breakfast for families beyond six weeks | Head of Housing Needs and Housing Delivery | March 2026 |
        | Thriving economy | Open a business hub in the former Eastgate post office | Head of Regeneration and Economy | October 2025 |
        | Thriving economy | Appoint a development partner for the Oakfield Road scheme | Corporate Director of Place | Contract signed June 2025 |
        | Safe and well | Issue 75 per cent of EHC plans within 20 weeks | Head of SEND and Inclusion | Quarterly from June 2025 |
        | Safe and well | Open two family hubs in Dunmore and Millbrook | Head of Early Help and Children's Social Care | January 2026 |
        | Clean and green | Extend weekly food waste collection to flats | Head of Environmental Services | All blocks by March 2026 |
        | Clean and green | Build 6 km of protected cycle lanes | Head of Highways, Transport and Parking | Phase 1 by November 2025 |

        ## How we will report

        Cabinet receives a performance report every quarter, and the Overview and Scrutiny
        Committee examines one priority in depth at each of its meetings. All performance
        reports are published in the "Our priorities and how we are doing" class.
        """,
        """
        ## Measures of success

        | Measure | Baseline 2024-25 | Target 2028-29 |
        | Affordable homes completed each year | 412 | 450 |
        | Households in temporary accommodation | 618 | 450 |
        | Residents aged 16-64 in employment | 73.1% | 76.0% |
        | Schools rated good or outstanding | 91% | 95% |
        | Adults supported to live at home | 71% | 76% |
        | Household waste recycled or composted | 46.8% | 55.0% |
        | Council operational carbon emissions (tonnes CO2e) | 14,200 | 7,500 |

        ## Resources

        The plan is affordable within the medium-term financial strategy agreed alongside the
        2025-26 budget. Where an action depends on external funding, such as the cycle lanes,
        which rely on the Active Travel Fund, we will say so in the quarterly report and
        explain what happens if the funding is not secured.

        ## Equality

        A full equality impact assessment of the plan was published with the Cabinet report
        of 19 February 2025. It identified positive impacts for disabled residents, older
        people and low-income households, and the action plan will be reviewed every year to
        make sure those impacts are delivered.
        """,
    ),
)

# ---------------------------------------------------------------------------- decisions

CABINET_MINUTES = Doc(
    path=f"{DECISIONS}/cabinet-minutes-2024-09-18.pdf",
    title="Cabinet Minutes - 18 September 2024",
    published=date(2024, 9, 20),
    pages=(
        """
        # Cabinet Minutes - 18 September 2024

        Minutes of the meeting of the Cabinet held in the Council Chamber, Harrowdene Civic
        Centre, on Wednesday 18 September 2024 at 7.00pm.

        Present: Cllr Margaret Okonjo (Leader, in the chair), Cllr Raymond Kells (Deputy
        Leader), Cllr Sophie Adeyemi, Cllr Brian Tolland, Cllr Farah Iqbal, Cllr Owen Pryce
        and Cllr Janet Whitlow.

        Also present: Cllr Dennis Marlowe (Leader of the Opposition) and Cllr Hannah Soames
        (Chair of Overview and Scrutiny Committee).

        Officers: Daniel Achterberg (Chief Executive), Priya Ramaswamy (Director of Finance),
        Helen Whitcombe (Monitoring Officer), Tom Brackley (Corporate Director of Place) and
        Kofi Asante (Democratic Services Officer).

        ## 1. Apologies for absence

        There were no apologies.

        ## 2. Declarations of interest

        Cllr Pryce declared a non-registrable interest in item 6 as a trustee of Harrowdene
        Cycling Club, and took no part in the discussion or vote on that item.

        ## 3. Minutes

        RESOLVED that the minutes of the meeting held on 17 July 2024 be agreed as a correct
        record and signed by the Leader.

        ## 4. Public questions

        Three questions had been received. Ms Alicia Brandt of Kestrel Lane asked when the
        Kestrel Lane footbridge would reopen; Cllr Pryce replied that repairs would be
        complete by the end of November 2024. Mr Ravi Chandran asked about the cost of
        agency social workers; Cllr Adeyemi agreed to provide a written answer.
        """,
        """
        ## 5. Oakfield Road regeneration: appointment of development partner (Decision CAB/24/041)

        Cllr Iqbal introduced the report of the Corporate Director of Place on the
        procurement of a development partner for the Oakfield Road regeneration scheme, which
        will replace the 1960s Oakfield Road shopping parade and car park with 380 homes, new
        shops, a health centre and a public square. Four bids had been evaluated against
        published criteria weighted 60 per cent quality and 40 per cent price. The preferred
        bidder, Calder Morrow Homes Ltd, had scored highest on both quality and price and had
        committed to 40 per cent affordable housing, of which half would be for social rent.

        Cllr Marlowe asked how existing traders would be supported. The Corporate Director
        explained that all 17 traders had been offered relocation to temporary units on the
        site of the former bus depot and that a relocation grant of up to £15,000 each was
        included in the scheme budget.

        RESOLVED that Cabinet:
        (a) appoints Calder Morrow Homes Ltd as development partner for the Oakfield Road
        regeneration scheme;
        (b) delegates authority to the Corporate Director of Place, in consultation with the
        Cabinet Member for Housing and Regeneration and the Director of Finance, to finalise
        and sign the development agreement; and
        (c) approves a capital budget of £6.8m for land assembly and trader relocation, to be
        funded from prudential borrowing repaid from land receipts.

        Reason for decision: the preferred bid offers the best combination of quality and
        price and maximises the delivery of affordable homes.

        Alternative options considered: retaining and refurbishing the existing parade, which
        was rejected because the buildings are at the end of their life.
        """,
        """
        ## 6. Local Cycling and Walking Infrastructure Plan (Decision CAB/24/042)

        Cllr Whitlow presented the plan on behalf of Cllr Pryce. The plan identifies 11
        priority cycle routes and 23 walking zones for investment over ten years, at an
        estimated cost of £38m, mostly from external grants. Consultation had received 1,240
        responses, 68 per cent of which supported the plan.

        RESOLVED that the Local Cycling and Walking Infrastructure Plan be adopted and that
        officers prepare funding bids for the first three routes.

        ## 7. Revenue and capital budget monitoring, quarter 1 2024-25 (Decision CAB/24/043)

        The Director of Finance reported a forecast overspend of £3.4m, mainly in children's
        placements. Cabinet noted the recovery plan, including a freeze on non-essential
        spending.

        RESOLVED that the forecast position and recovery actions be noted, and that the
        capital programme be re-profiled as set out in appendix B of the report.

        ## 8. Exclusion of the press and public

        RESOLVED that the press and public be excluded for item 9 because it involved the
        likely disclosure of exempt information under paragraph 3 of Schedule 12A to the Local
        Government Act 1972 (information relating to the financial or business affairs of any
        particular person).

        ## 9. Disposal of land at Dunmore Depot (exempt)

        RESOLVED that the recommendations in the exempt report be agreed.

        ## Call-in

        Decisions CAB/24/041 to CAB/24/043 may be called in by any five non-executive
        councillors by 5pm on Wednesday 25 September 2024. Decisions not called in may be
        implemented from 26 September 2024.

        The meeting ended at 8.52pm.
        """,
    ),
)

PLANNING_MINUTES = Doc(
    # No /Title: the first line is the heading.
    path=f"{DECISIONS}/planning-committee-minutes-2025-01-22.pdf",
    title=None,
    published=date(2025, 1, 24),
    pages=(
        """
        # Planning Committee Minutes - 22 January 2025

        Minutes of the meeting of the Planning Committee held in the Council Chamber,
        Harrowdene Civic Centre, on Wednesday 22 January 2025 at 6.30pm.

        Present: Cllr Hannah Soames (Chair), Cllr Ahmed Rashid (Vice-Chair), Cllr Paula
        Delaney, Cllr Dennis Marlowe, Cllr Terence Oduya, Cllr Yvonne Clegg, Cllr Martin
        Fairbrother, Cllr Grace Ebbs and Cllr Leon Whitaker.

        Officers: Colin Redfern (Head of Planning and Building Control), Sunita Dhillon
        (Principal Planning Lawyer) and Kofi Asante (Democratic Services Officer).

        ## 1. Declarations of interest

        Cllr Clegg declared that she had expressed a view on application 24/01873/FUL before
        the meeting and would not take part in the decision on that item.

        ## 2. 24/01873/FUL - Land at Fairlop Green Farm, Fairlop Lane

        Outline application for up to 126 dwellings with public open space, a local equipped
        area for play and a new access from Fairlop Lane. The case officer reported 94 letters
        of objection, mainly about traffic on Fairlop Lane and the loss of views, and 11
        letters of support. The site is allocated for housing in the Harrowdene Local Plan
        2021-2036 (policy H7). Two objectors and the applicant's agent addressed the
        committee.

        Members asked about school capacity. Officers confirmed that the section 106
        agreement would secure a contribution of £1.42m towards secondary school places.

        RESOLVED (7 for, 1 against) that outline planning permission be granted, subject to
        a section 106 agreement securing 35 per cent affordable housing, the education
        contribution and £186,000 for bus service improvements, and to the conditions set out
        in the officer's report.
        """,
        """
        ## 3. 24/02055/LBC - Harrowdene Corn Exchange, Market Square

        Listed building consent to repair the roof, replace the 1970s glazed entrance with a
        timber and glass screen, and convert the first floor into six offices. The Harrowdene
        Corn Exchange is a Grade II listed building of 1862. Historic England raised no
        objection, and the Harrowdene Civic Society supported the application.

        RESOLVED (unanimously) that listed building consent be granted subject to conditions
        requiring samples of all new materials and a programme of historic building recording.

        ## 4. 24/02210/HOU - 14 Beckfield Road

        Two-storey side and single-storey rear extension. The application had been referred
        to committee by Cllr Rashid. The case officer recommended refusal because the side
        extension would close the gap between 14 and 16 Beckfield Road, harming the character
        of the street, and would overshadow the kitchen window of number 16.

        The applicant addressed the committee and offered to set the first floor back by one
        metre. Members noted that amended plans had not been submitted.

        RESOLVED (6 for, 3 against) that planning permission be refused for the reasons set
        out in the officer's report.

        ## 5. 24/02301/FUL - Unit 4, Riverside Trading Estate

        Change of use from storage and distribution to a trampoline park with a cafe. The
        Environmental Health service had no objection subject to a noise management plan.

        RESOLVED (unanimously) that planning permission be granted subject to conditions
        limiting opening hours to 9am to 9pm and requiring 48 cycle parking spaces.
        """,
        """
        ## 6. Planning appeals

        The committee noted that four appeals had been decided by the Planning Inspectorate
        since the last meeting. Three were dismissed. The appeal against refusal of 23/01502/FUL
        (three flats at 2 Station Approach) was allowed, and no costs were awarded.

        ## 7. Performance report, quarter 3 2024-25

        The Head of Planning and Building Control reported that 91 per cent of major
        applications and 84 per cent of minor applications were decided within the statutory
        period or an agreed extension. Fee income was £1.31m, £90,000 below budget, because
        of fewer large applications. Enforcement officers had opened 212 cases and closed 240.

        RESOLVED that the report be noted.

        ## 8. Date of next meeting

        The next meeting will be held on Wednesday 19 February 2025 at 6.30pm.

        The meeting ended at 9.14pm.

        Decisions of the Planning Committee are final unless the applicant appeals to the
        Planning Inspectorate. Decision notices are published on the planning register, where
        each application can be viewed by its reference number.
        """,
    ),
)

# ------------------------------------------------------------- policies and procedures

COMPLAINTS = Doc(
    path=f"{POLICIES}/complaints-procedure.pdf",
    title="Corporate Complaints Procedure",
    published=date(2025, 3, 12),
    subject="How to complain to Harrowdene Borough Council",
    pages=(
        """
        # Corporate Complaints Procedure

        ## Introduction

        We want to get things right first time, but sometimes we make mistakes. When that
        happens we want you to tell us, so that we can put things right for you and learn
        from it. This procedure explains how to make a complaint, what we will do and how long
        it will take. It applies to all council services except where another procedure is
        required by law, as explained on page 4.

        ## What is a complaint?

        A complaint is an expression of dissatisfaction, however made, about the standard of
        service, actions or lack of action by the council, its staff or a contractor acting
        on its behalf, affecting an individual resident or a group of residents.

        For example, you can complain if we did not do something we should have done, did
        something badly or too late, failed to follow our own policies, or treated you
        unfairly or rudely.

        ## What is not a complaint?

        - A first request for a service, such as reporting a missed bin or a pothole.
        - An appeal against a decision where there is a separate right of appeal, such as a parking penalty charge, a planning decision or a housing benefit decision.
        - A request for information, which is handled under the Freedom of Information Act or the Environmental Information Regulations.
        - A complaint that a councillor has breached the Code of Conduct, which goes to the Monitoring Officer.
        - A complaint about a school, which should be made to the school's governing body.

        ## How to complain

        You can complain online at harrowdene.gov.uk/complaints, by email to
        complaints@harrowdene.gov.uk, by telephone on 01632 960 500, in writing to the
        Complaints and Customer Feedback Team, Harrowdene Civic Centre, Station Road,
        Harrowdene HW1 4CC, or in person at any council reception. Someone else, such as a
        relative, advocate or councillor, can complain on your behalf with your consent.
        """,
        """
        ## Stage 1: response by the service

        Your complaint will be logged by the Complaints and Customer Feedback Team and sent to
        the manager of the service concerned. We will acknowledge it within 5 working days
        and tell you who is dealing with it.

        The manager will investigate and send you a full response within 10 working days of
        the acknowledgement. If the complaint is complex and we need more time, we will tell
        you why and give you a new date, which will not be more than a further 10 working
        days.

        Our response will explain what we found, whether we uphold your complaint in full, in
        part or not at all, what we will do to put things right, and what to do if you are
        not satisfied.

        ## Stage 2: review by a senior officer

        If you are unhappy with our stage 1 response you can ask for a stage 2 review. Please
        do so within 20 working days of receiving the stage 1 response and tell us why you
        remain dissatisfied and what outcome you are seeking.

        A stage 2 review is carried out by a head of service or director who was not involved
        at stage 1, supported by an investigator from the Complaints and Customer Feedback
        Team. They will look again at the evidence, may speak to you and to the staff
        involved, and will decide whether the stage 1 response was reasonable.

        We will acknowledge your request within 5 working days and send you a full response
        within 20 working days. The stage 2 response is the council's final response, and it
        will tell you how to take your complaint further if you remain dissatisfied.

        ## Time limits for making a complaint

        Please complain within 12 months of the events concerned, or of when you first became
        aware of them. We may consider an older complaint if there is a good reason why it was
        not made earlier.
        """,
        """
        ## If you are still not satisfied: the Ombudsman

        If you remain unhappy after our stage 2 response, you can ask the Local Government and
        Social Care Ombudsman to consider your complaint. The Ombudsman is independent of the
        council and provides a free service. It will normally only investigate once our own
        procedure has been completed, and expects you to contact it within 12 months of
        becoming aware of the problem.

        You can contact the Ombudsman through its website at www.lgo.org.uk. If we have not
        responded to your stage 2 request within the timescale above, you may contact the
        Ombudsman without waiting for our response.

        Complaints from council tenants and leaseholders about our landlord services are
        handled under the Housing Ombudsman's Complaint Handling Code, which has its own
        timescales: stage 1 within 10 working days and stage 2 within 20 working days of
        acknowledgement. Tenants can contact the Housing Ombudsman at any stage for advice.

        ## What the Ombudsman may do

        The Ombudsman may decide not to investigate, or may investigate and find fault. Where
        it finds fault causing injustice it may recommend a remedy, such as an apology, a
        payment or a change to our procedures. The council has always complied with the
        Ombudsman's recommendations, and we publish its annual review letter about Harrowdene
        each July.

        ## Our response to Ombudsman enquiries

        The Complaints and Customer Feedback Team coordinates all enquiries from the
        Ombudsman and makes sure that responses are accurate, complete and on time. The
        Monitoring Officer must report to Full Council any finding of maladministration.
        """,
        """
        ## Complaints about social care

        Complaints about children's social care services made by or on behalf of a child are
        handled under the statutory procedure in the Children Act 1989 Representations
        Procedure (England) Regulations 2006. It has three stages: local resolution within 10
        working days (extendable to 20), an investigation by an independent investigator and
        an independent person within 25 working days (extendable to 65), and a review panel.

        Complaints about adult social care are handled under the Local Authority Social
        Services and National Health Service Complaints (England) Regulations 2009. We will
        agree with you how your complaint will be handled and how long it should take, and
        send you a single final response.

        ## Putting things right

        If we find that we got something wrong we will say so and apologise. Depending on the
        circumstances we may also provide the service you should have received, reverse a
        decision, refund a charge, or make a payment to recognise time and trouble or
        distress. Payments follow published national guidance on remedies.

        ## Learning from complaints

        Each directorate reviews its complaints every quarter to identify patterns, and the
        Audit and Governance Committee receives an annual report on complaints, compliments,
        remedies paid and the lessons learned. In 2024-25 changes made as a result of
        complaints included a new process for reporting missed assisted bin collections and
        clearer letters about council tax reduction.
        """,
        """
        ## Unreasonably persistent complainants

        Occasionally a person's contact with the council becomes so frequent or demanding that
        it prevents us from dealing fairly with them or with other customers. Our policy on
        unreasonably persistent complainants and unreasonable complainant behaviour sets out
        how we may restrict contact, for example to a single named officer or to written
        contact only. Any restriction is approved by a director, explained in writing and
        reviewed after six months. We will never restrict access to essential services.

        ## Confidentiality and your information

        We will only share the details of your complaint with the staff who need to know in
        order to investigate it. We keep complaint records for six years after the complaint
        is closed, in line with our retention schedule and our data protection policy.

        ## Help to make a complaint

        If you need this procedure in another language, in large print or in an easy read
        version, or you need help to make a complaint because of a disability, please contact
        the Complaints and Customer Feedback Team. We can arrange an interpreter or an
        independent advocate.

        ## Document control

        | Item | Detail |
        | Version | 4.2 |
        | Owner | Head of Customer Services and Information Governance |
        | Approved by | Audit and Governance Committee, 11 March 2025 |
        | Next review | March 2027 |
        """,
    ),
)

FOI_FEES = Doc(
    path=f"{POLICIES}/foi-fees-and-charges-policy.pdf",
    title="Freedom of Information Fees and Charges Policy",
    published=date(2024, 10, 1),
    pages=(
        """
        # Freedom of Information Fees and Charges Policy

        ## Purpose

        This policy explains when the council charges for responding to requests made under
        the Freedom of Information Act 2000 (FOIA) and the Environmental Information
        Regulations 2004 (EIR), and for supplying information listed in our publication
        scheme. Most requests are answered free of charge.

        ## Requests that exceed the appropriate limit

        Under the Freedom of Information and Data Protection (Appropriate Limit and Fees)
        Regulations 2004, the council may refuse a request if the cost of determining whether
        we hold the information, locating it, retrieving it and extracting it would exceed
        £450. Staff time is calculated at £25 an hour, so the limit equals 18 hours of work.

        Where a request would exceed the limit we will normally refuse it under section 12 of
        the Act and offer advice on how it could be narrowed. We do not usually offer to
        answer such requests for a fee, although we may agree to do so where there is a
        strong public interest.

        ## Disbursements

        For requests within the limit we may charge for the cost of communicating the
        information, such as printing and postage. We will send you a fees notice before doing
        any work. You have three months from the date of the fees notice to pay, and the 20
        working day time limit for responding is paused until we receive payment. We do not
        charge if the total would be less than £10.

        ## Environmental information

        The EIR do not have an appropriate limit. We may make a reasonable charge for making
        environmental information available, but not for letting you inspect it at the Civic
        Centre or for access to public registers.
        """,
        """
        ## Fee schedule

        | Item | Charge |
        | Black and white photocopy or print, A4 | 10p per sheet |
        | Black and white photocopy or print, A3 | 20p per sheet |
        | Colour photocopy or print, A4 | 30p per sheet |
        | Colour photocopy or print, A3 | 60p per sheet |
        | Plans and maps printed larger than A3 | £6.50 per sheet |
        | Information supplied on a USB memory stick | £5.00 per stick |
        | Postage | Royal Mail second class rate |
        | Information sent by email | Free |
        | Inspection at the Civic Centre by appointment | Free |

        ## Publication scheme charges

        Information in our publication scheme is free to view and download from our website.
        If you ask for a printed copy we will charge in line with the fee schedule above,
        except for the items below, which have their own statutory or published prices.

        - Copies of the Local Plan 2021-2036 (printed and bound): £45.00.
        - Copies of entries on the local land charges register: as set by the Local Land Charges fees schedule.
        - Copies of the electoral register: as set by the Representation of the People (England and Wales) Regulations 2001.

        ## Waiving charges

        The Information Governance Manager may waive charges where a requester would suffer
        hardship, where the information is needed because of a disability, or where the cost
        of collecting the fee would exceed the fee itself.

        ## Review

        This policy is owned by the Head of Customer Services and Information Governance and
        will be reviewed in October 2026. Complaints about the way we have handled a request
        should be made to the Information Governance Team, and then to the Information
        Commissioner's Office.
        """,
    ),
)

WHISTLEBLOWING = Doc(
    path=f"{POLICIES}/whistleblowing-policy.pdf",
    title="Whistleblowing Policy",
    published=date(2024, 7, 9),
    pages=(
        """
        # Whistleblowing Policy

        ## Why this policy matters

        Employees are often the first to realise that something seriously wrong may be
        happening within the council. They may not speak up because they feel it would be
        disloyal or fear harassment or victimisation. This policy makes it clear that the
        council wants to hear about serious concerns, that it is safe to raise them, and that
        staff who raise concerns in good faith will be protected.

        The policy applies to all employees, agency workers, contractors working on council
        premises or contracts, volunteers and councillors. It is separate from the grievance
        procedure, which covers complaints about your own employment.

        ## What concerns are covered

        - Conduct that is a criminal offence, such as fraud, theft or bribery.
        - Failure to comply with a legal obligation.
        - Danger to the health and safety of any person.
        - Damage to the environment.
        - Abuse or neglect of children or adults at risk.
        - Misuse of public money, or a breach of financial regulations or contract procedure rules.
        - Deliberate concealment of any of the above.

        ## The law

        The Public Interest Disclosure Act 1998 protects workers who make a protected
        disclosure from being dismissed or suffering any other detriment. To be protected, a
        worker must reasonably believe that the disclosure is in the public interest and that
        it tends to show one of the kinds of wrongdoing listed above.
        """,
        """
        ## How to raise a concern

        Raise your concern first with your line manager or their manager. If you feel unable
        to do so, because the concern involves your managers or for any other reason, contact
        one of the following designated officers:

        - The Monitoring Officer (Director of Law and Governance).
        - The Director of Finance and Section 151 Officer.
        - The Chief Internal Auditor.
        - The confidential whistleblowing line on 01632 960 777 or whistleblowing@harrowdene.gov.uk.

        Concerns are better raised in writing, setting out the background, names, dates and
        places and the reasons for your concern. You do not need proof, but you must have a
        reasonable belief. You may be accompanied at any meeting by a trade union
        representative or a colleague.

        ## Confidentiality and anonymity

        We will do our best to protect your identity if you ask us to. Concerns raised
        anonymously are much harder to investigate, but we will consider them, taking into
        account the seriousness of the issue and whether it can be confirmed from other
        sources.

        ## What we will do

        The designated officer will acknowledge your concern within 5 working days and,
        within 10 working days, tell you how it will be dealt with. This may be an internal
        investigation, a referral to the police or external auditor, or an independent
        inquiry. We will tell you the outcome, subject to any legal constraints, and will
        record every concern in a confidential register held by the Monitoring Officer.
        """,
        """
        ## Protection from harassment and victimisation

        The council will not tolerate any harassment or victimisation of a person who has
        raised a concern, and will treat it as a serious disciplinary matter. If you raise a
        concern in good faith that is not confirmed by the investigation, no action will be
        taken against you. A person who makes an allegation they know to be false, or makes it
        for personal gain, may face disciplinary action.

        ## Taking the matter outside the council

        We hope you will be satisfied with the way your concern is handled. If you are not,
        or you feel unable to raise it internally, you can contact a prescribed person such as
        the external auditor, the Care Quality Commission, Ofsted, the Health and Safety
        Executive, the Environment Agency or the National Audit Office. You can get free,
        confidential advice from the charity Protect or from your trade union.

        ## Monitoring

        The Monitoring Officer reports the number and type of concerns raised, without
        identifying anyone, to the Audit and Governance Committee every six months. In 2023-24
        the council received 14 whistleblowing concerns; four led to disciplinary action and
        two were referred to the police.

        ## Review

        This policy was approved by the Audit and Governance Committee on 9 July 2024 and will
        be reviewed by July 2026, or sooner if the law changes.
        """,
    ),
)

DATA_PROTECTION = Doc(
    path=f"{POLICIES}/data-protection-policy.pdf",
    title="Data Protection Policy (UK GDPR)",
    published=date(2024, 11, 5),
    sidecar="""\
title = "Data Protection Policy"
summary = "How the council meets the UK GDPR and the Data Protection Act 2018, including subject access requests and personal data breaches."
published = 2024-11-05
keywords = ["GDPR", "data protection", "subject access request", "privacy"]
""",
    pages=(
        """
        # Data Protection Policy (UK GDPR)

        ## Scope

        Harrowdene Borough Council processes personal information about residents, service
        users, employees, councillors and many others in order to deliver its services. This
        policy sets out how the council complies with the UK General Data Protection
        Regulation (UK GDPR) and the Data Protection Act 2018. It applies to all personal
        data held by the council in any format, and to all staff, councillors, contractors
        and volunteers who handle it.

        The council is registered with the Information Commissioner's Office as a data
        controller under registration number Z7654321.

        ## The data protection principles

        The council will make sure that personal data is:

        - processed lawfully, fairly and in a transparent manner;
        - collected for specified, explicit and legitimate purposes;
        - adequate, relevant and limited to what is necessary;
        - accurate and, where necessary, kept up to date;
        - kept for no longer than is necessary, in line with our retention schedule;
        - processed securely, protecting it against loss, damage and unauthorised access.

        ## Lawful basis

        Most of our processing is necessary to perform a task in the public interest or to
        meet a legal obligation. We rarely rely on consent, because the imbalance of power
        between a council and a resident means consent is often not freely given. Where we
        process special category data, such as health information, we identify an additional
        condition in our appropriate policy document.
        """,
        """
        ## Roles and responsibilities

        The Data Protection Officer is the Head of Customer Services and Information
        Governance, Alison Birch. The Data Protection Officer advises the council on its
        obligations, monitors compliance and is the contact point for the Information
        Commissioner. The Senior Information Risk Owner is the Director of Resources, who owns
        the council's information risk register. Each head of service is an information asset
        owner for the systems and records in their service.

        ## Your rights

        You have the right to be informed about how we use your information, to access it, to
        have it corrected, and in some circumstances to have it erased, to restrict or object
        to its use, and to data portability.

        ## Subject access requests

        You can ask for a copy of the personal information we hold about you by making a
        subject access request, online, by email to dpo@harrowdene.gov.uk or in writing. We
        will ask for proof of identity. We will respond within one calendar month, which we
        may extend by up to two further months for complex requests, and we do not normally
        charge a fee. In 2023-24 we received 612 subject access requests and answered 84 per
        cent on time.

        ## Privacy notices

        Every service that collects personal data publishes a privacy notice explaining what
        we collect, why, who we share it with and how long we keep it. Privacy notices are
        reviewed whenever a service changes how it uses personal data.
        """,
        """
        ## Data protection impact assessments

        A data protection impact assessment must be completed before any new system,
        contract, data sharing arrangement or project that is likely to result in a high risk
        to individuals. The Data Protection Officer must be consulted.

        ## Personal data breaches

        All staff must report a suspected personal data breach to the Information Governance
        Team immediately, and in any case on the same working day. Examples include an email
        sent to the wrong person, a lost laptop or papers left on a train. The Data Protection
        Officer will assess the risk and, where the breach is likely to result in a risk to
        people's rights and freedoms, report it to the Information Commissioner within 72
        hours of the council becoming aware of it. Where the risk is high we will also tell
        the people affected without undue delay.

        ## Training

        All staff and councillors must complete data protection training when they join and
        every two years after that. Staff who handle sensitive information, such as social
        workers and revenues officers, complete additional training every year.

        ## Complaints

        If you are unhappy with how we have handled your personal information, please contact
        the Data Protection Officer. You also have the right to complain to the Information
        Commissioner's Office.

        ## Review

        This policy was approved by the Senior Information Risk Owner on 5 November 2024 and
        will be reviewed every two years.
        """,
    ),
)

# ---------------------------------------------------------------- lists and registers

MEMBERS_INTERESTS = Doc(
    path=f"{LISTS}/register-of-members-interests.pdf",
    title="Register of Members' Interests",
    published=date(2025, 4, 30),
    pages=(
        """
        # Register of Members' Interests

        Extract of the register kept by the Monitoring Officer under section 29 of the
        Localism Act 2011, as at 30 April 2025. Councillors must register their disclosable
        pecuniary interests, and those of their spouse or partner, within 28 days of taking
        office, and must update the register within 28 days of any change. Failing to
        register a disclosable pecuniary interest without reasonable excuse is a criminal
        offence. Addresses of land are published except where the Monitoring Officer has
        agreed that an interest is sensitive.

        ## Cllr Margaret Okonjo (Brookmead)

        | Category | Interest |
        | Employment | Part-time lecturer in social policy, Harrowdene College |
        | Sponsorship | Election expenses of £850 paid by Harrowdene First |
        | Contracts | None |
        | Land | Residential property in Brookmead ward |
        | Corporate tenancies | None |
        | Securities | None |
        | Other interests | Governor, Brookmead Primary School |

        ## Cllr Raymond Kells (Eastgate)

        | Category | Interest |
        | Employment | Director, Kells and Partners Chartered Accountants |
        | Sponsorship | None |
        | Contracts | None |
        | Land | Residential property in Eastgate ward; office at 22 Market Square |
        | Corporate tenancies | None |
        | Securities | Shareholding in Kells and Partners Ltd above £25,000 nominal value |
        | Other interests | Trustee, Eastgate Credit Union |
        """,
        """
        ## Cllr Dennis Marlowe (Greystones)

        | Category | Interest |
        | Employment | Retired |
        | Sponsorship | Election expenses of £620 paid by Community Alliance |
        | Contracts | None |
        | Land | Residential property in Greystones ward; allotment plot 17 |
        | Corporate tenancies | None |
        | Securities | None |
        | Other interests | Treasurer, Greystones Allotment Society |

        ## Cllr Owen Pryce (Riverside)

        | Category | Interest |
        | Employment | Transport planner, Ashdown Rail Partnership |
        | Sponsorship | None |
        | Contracts | None |
        | Land | Residential property in Riverside ward |
        | Corporate tenancies | None |
        | Securities | None |
        | Other interests | Trustee, Harrowdene Cycling Club; member, Riverside Rowing Club |

        ## Cllr Farah Iqbal (Oakfield)

        | Category | Interest |
        | Employment | Pharmacist, Oakfield Road Pharmacy |
        | Sponsorship | Election expenses of £910 paid by Harrowdene First |
        | Contracts | None |
        | Land | Residential property in Oakfield ward |
        | Corporate tenancies | Spouse is a director of a company that leases 7 Oakfield Parade from the council |
        | Securities | None |
        | Other interests | Member, Oakfield Traders' Association |

        Cllr Iqbal's registered interest in 7 Oakfield Parade is recorded in the minutes of
        each Cabinet meeting at which the Oakfield Road scheme is discussed.
        """,
        """
        ## Register of gifts and hospitality

        Councillors must register any gift or hospitality worth £50 or more received in
        their role as a councillor within 28 days.

        | Date | Councillor | Gift or hospitality | Offered by | Estimated value |
        | 14 Nov 2024 | Cllr Margaret Okonjo | Dinner at the annual awards evening | Harrowdene Chamber of Commerce | £85 |
        | 6 Dec 2024 | Cllr Peter Lindqvist | Two tickets to the Christmas pantomime | Harrowdene Playhouse Trust | £64 |
        | 21 Jan 2025 | Cllr Raymond Kells | Attendance at a local government finance conference | CIPFA Networks | £395 |
        | 3 Mar 2025 | Cllr Owen Pryce | Hamper | Riverside Rowing Club | £55 |

        ## How to inspect the full register

        The full register, including the interests of all 48 councillors and any co-opted
        members, can be inspected at the Civic Centre between 9am and 5pm on weekdays, and is
        published on each councillor's page of the council website. Questions about the
        register should be addressed to the Monitoring Officer.

        ## Declaring interests at meetings

        A councillor with a disclosable pecuniary interest in an item of business must not
        take part in any discussion or vote on it, and must leave the room unless they have a
        dispensation. Dispensations granted by the Standards Committee are listed in the
        minutes of the meeting at which they are used.
        """,
    ),
)

ASSET_REGISTER = Doc(
    # No /Title; heading only.
    path=f"{LISTS}/asset-register-2025.pdf",
    title=None,
    published=date(2025, 5, 6),
    pages=(
        """
        # Land and Property Asset Register 2025

        Published under the Local Government Transparency Code 2015. This register lists
        land and buildings owned or leased by Harrowdene Borough Council as at 31 March 2025,
        excluding council housing let to secure tenants and highway land. Values are those
        used in the Statement of Accounts and are not market valuations.

        | Ref | Asset | Address | Tenure | Current use | Value (£000) |
        | HBC0001 | Harrowdene Civic Centre | Station Road, HW1 4CC | Freehold | Offices and council chamber | 24,600 |
        | HBC0014 | Thornbury Leisure Centre | Thornbury Way, HW3 2LP | Freehold | Leisure centre | 11,850 |
        | HBC0022 | Millbrook Pavilion | Millbrook Park, HW5 8QT | Freehold | Community hall and changing rooms | 1,240 |
        | HBC0031 | Beckfield Community Hall | 61 Beckfield Road, HW2 6DN | Freehold | Community hall | 960 |
        | HBC0037 | Eastgate Library | 3 Eastgate High Street, HW1 7AB | Freehold | Library | 2,310 |
        | HBC0048 | Dunmore Depot | Depot Lane, HW6 1RS | Freehold | Vehicle depot (surplus) | 3,400 |
        | HBC0055 | Oakfield Parade shops 1-17 | Oakfield Road, HW4 9EF | Freehold | Shops let on commercial leases | 5,720 |
        | HBC0063 | Kestrel Lane footbridge | Kestrel Lane, HW7 3HJ | Freehold | Pedestrian bridge | 410 |
        | HBC0070 | Harrowdene Corn Exchange | Market Square, HW1 2AA | Freehold | Vacant, under refurbishment | 2,050 |
        | HBC0082 | Parkside Community Hall | 12 Park Lane, HW8 4NN | Leasehold (25 years from 2010) | Community hall | 380 |
        """,
        """
        | Ref | Asset | Address | Tenure | Current use | Value (£000) |
        | HBC0091 | Riverside Trading Estate units 1-12 | Riverside Way, HW9 5TT | Freehold | Industrial units let to businesses | 8,960 |
        | HBC0104 | Greystones Allotments | Greystones Lane, HW10 2GG | Freehold | 64 allotment plots | 290 |
        | HBC0118 | Northfield Primary School | Northfield Avenue, HW11 6PS | Freehold | School (community) | 17,300 |
        | HBC0126 | Fairlop Green Village Hall | The Green, Fairlop, HW12 1FG | Freehold | Community hall | 540 |
        | HBC0133 | Westholme Car Park | Westholme Road, HW13 3WC | Freehold | Pay and display car park, 212 spaces | 1,880 |
        | HBC0140 | Former bus depot | Castle Hill Road, HW14 2CH | Freehold | Temporary trader units | 2,640 |

        ## Surplus assets

        Dunmore Depot was declared surplus in 2024 and its disposal was approved by Cabinet
        on 18 September 2024. Any capital receipt will be used to fund the capital programme.

        ## Community asset transfers

        Community groups can apply to take on the management of council buildings through a
        community asset transfer. Beckfield Community Hall and Fairlop Green Village Hall are
        currently managed by local community associations under this policy.

        ## Corrections

        If you believe an entry in this register is wrong, please contact the Property and
        Facilities team at property@harrowdene.gov.uk.
        """,
    ),
)

FOI_POTHOLES = Doc(
    path=f"{LISTS}/disclosure-log/foi-2025-0143.pdf",
    title="FOI-2025-0143 Pothole compensation claims",
    published=date(2025, 2, 28),
    sidecar="""\
reference = "FOI-2025-0143"
request_date = 2025-02-03
response_date = 2025-02-28
title = "Pothole compensation claims 2022 to 2024"
summary = "Number of compensation claims for vehicle damage caused by potholes, how many were paid and the total amount paid, for the calendar years 2022, 2023 and 2024."
""",
    pages=(
        """
        # Freedom of Information Response: FOI-2025-0143

        Date of request: 3 February 2025. Date of response: 28 February 2025.

        ## Request

        Please tell me, for each of the calendar years 2022, 2023 and 2024: (1) how many
        claims the council received for damage to vehicles caused by potholes on roads it
        maintains; (2) how many of those claims were paid; and (3) the total amount paid.

        ## Response

        The council holds this information. It is set out in the table below. Claims are
        counted in the year they were received; some claims received in 2024 are still being
        assessed and are not included in the number paid.

        | Year | Claims received | Claims paid | Total paid |
        | 2022 | 214 | 38 | £17,940 |
        | 2023 | 356 | 61 | £29,415 |
        | 2024 | 402 | 44 | £22,870 |

        Under section 58 of the Highways Act 1980, the council is not liable for damage if it
        can show that it took reasonable care to keep the road safe, for example by inspecting
        it at the intervals set out in its highway safety inspection policy and repairing
        defects within the target times. Most claims are refused on this basis.

        ## Your rights

        If you are unhappy with this response you may ask for an internal review by writing to
        foi@harrowdene.gov.uk within 40 working days. If you remain dissatisfied you may then
        complain to the Information Commissioner's Office.
        """,
    ),
)

FOI_AGENCY = Doc(
    path=f"{LISTS}/disclosure-log/foi-2025-0217.pdf",
    title="FOI-2025-0217 Agency social workers",
    published=date(2025, 4, 4),
    sidecar="""\
reference = "FOI-2025-0217"
request_date = 2025-03-10
response_date = 2025-04-04
title = "Use of agency social workers in children's services"
summary = "Number of agency social workers in children's social care at 31 March in each of the last three years, total spend on agency social workers and the highest hourly rate paid."
""",
    pages=(
        """
        # Freedom of Information Response: FOI-2025-0217

        Date of request: 10 March 2025. Date of response: 4 April 2025.

        ## Request

        How many agency social workers were working in the council's children's social care
        service on 31 March in 2022, 2023 and 2024? How much did the council spend on agency
        social workers in each financial year, and what was the highest hourly rate paid?

        ## Response

        | At 31 March | Agency social workers | Proportion of social worker posts |
        | 2022 | 41 | 24% |
        | 2023 | 53 | 30% |
        | 2024 | 47 | 27% |

        | Financial year | Spend on agency social workers |
        | 2021-22 | £3.62m |
        | 2022-23 | £4.87m |
        | 2023-24 | £4.41m |

        The highest hourly rate paid in 2023-24 was £52.00, for an experienced team manager in
        the assessment service. Since 1 October 2024 the council has applied the national
        price caps for agency social workers set out in the Department for Education's
        statutory guidance.

        We are withholding the names of the agencies used and the individual rates agreed with
        each agency under section 43(2) of the Act, because disclosure would be likely to
        prejudice the commercial interests of the council and of the agencies. We have
        considered the public interest and concluded that it favours withholding this
        information while the council is re-tendering its agency contract.

        ## Your rights

        If you are unhappy with this response you may ask for an internal review by writing to
        foi@harrowdene.gov.uk within 40 working days, and then complain to the Information
        Commissioner's Office.
        """,
    ),
)

# ---------------------------------------------------------------------------- services

BULKY_WASTE = Doc(
    path=f"{SERVICES}/bulky-waste-collection.pdf",
    title="Bulky Waste Collection",
    published=date(2025, 4, 1),
    pages=(
        """
        # Bulky Waste Collection

        We collect large household items that are too big to go in your bins, such as
        furniture, white goods, mattresses and garden equipment. Collections take place
        Tuesday to Saturday, and you can book up to four weeks ahead.

        ## Charges from 1 April 2025

        | Item | Charge |
        | Up to 3 items | £38.00 |
        | Each additional item (maximum 10 items per collection) | £9.00 |
        | Fridge, freezer or fridge-freezer (each) | £25.00 |
        | Sofa bed or three-piece suite (counts as 3 items) | £38.00 |
        | Cancellation with less than 2 working days' notice | No refund |

        Residents who receive council tax reduction or pension credit pay half the standard
        charge. Please tell us when you book and we will check your entitlement.

        ## How to book

        Book online at harrowdene.gov.uk/bulkywaste or call 01632 960 320 between 8.30am and
        5pm, Monday to Friday. You will need to pay when you book, by debit or credit card.
        We will confirm the collection date by email or text message.

        ## What we can collect

        - Beds, mattresses, wardrobes, tables, chairs and sofas.
        - Washing machines, cookers, dishwashers, fridges and freezers.
        - Televisions and computer monitors.
        - Lawnmowers, bicycles and garden furniture.
        - Carpets and rugs, rolled and tied, up to 3 metres long.
        """,
        """
        ## What we cannot collect

        - Building rubble, soil, plasterboard and bathroom suites.
        - Asbestos, paint, oil, gas bottles and chemicals.
        - Car parts and tyres.
        - Items from businesses; trade waste must be collected by a licensed carrier.
        - Anything weighing more than two people can safely lift.

        ## On the day of collection

        Please put your items outside your property by 7am on the day of collection, on your
        driveway or front garden rather than on the pavement. Our crews cannot enter homes or
        collect from balconies or upper floors. If you live in a block of flats, leave the
        items at the bin store. Crews will only collect the items listed on your booking.

        ## Reuse before you throw away

        Items in good condition can often be reused. The reuse shop at the Household Waste
        Recycling Centres accepts furniture and working electrical items, and several local
        charities offer free collection of furniture that meets fire safety standards.

        ## Fly-tipping

        Leaving bulky items on the street, even next to a charity bin, is fly-tipping. It can
        result in a fixed penalty notice of up to £1,000 or prosecution. If you pay someone to
        take your waste away, check they are a registered waste carrier and ask for a receipt.
        You can report fly-tipping online at any time.
        """,
    ),
)

COMMUNITY_HALLS = Doc(
    path=f"{SERVICES}/community-halls-hire-and-lettings-charges.pdf",
    title="Hire of Community Halls: Lettings Charges 2025-26",
    published=date(2025, 3, 3),
    pages=(
        """
        # Hire of Community Halls: Lettings Charges 2025-26

        The council lets five community halls for meetings, classes, parties, religious
        services and community events. All halls have step-free access, an accessible toilet,
        a kitchen and free wifi. Charges below apply from 1 April 2025 to 31 March 2026 and
        include heating, lighting and cleaning.

        ## Hourly lettings charges

        | Hall | Capacity | Standard rate | Community group rate | Friday and Saturday evening rate |
        | Beckfield Community Hall (main hall) | 120 | £38.00 | £19.00 | £52.00 |
        | Beckfield Community Hall (meeting room) | 20 | £16.00 | £8.00 | £22.00 |
        | Millbrook Pavilion | 60 | £27.00 | £13.50 | £36.00 |
        | Parkside Community Hall | 90 | £33.00 | £16.50 | £45.00 |
        | Fairlop Green Village Hall | 80 | £30.00 | £15.00 | £41.00 |
        | Greystones Community Centre | 150 | £44.00 | £22.00 | £60.00 |

        The community group rate is available to registered charities and voluntary and
        community groups based in the borough whose activities are open to the public. Regular
        bookings of 10 or more sessions booked and paid in advance receive a further 10 per
        cent discount.

        ## Deposits and minimum hire

        A refundable damage deposit of £150 is payable for all bookings, and £300 for
        parties and events where alcohol is served. The minimum booking is two hours, and
        three hours on Friday and Saturday evenings. Bookings must finish by 11pm.
        """,
        """
        ## How to book

        Check availability and book online at harrowdene.gov.uk/halls, or contact the
        lettings team on 01632 960 410 or lettings@harrowdene.gov.uk. A booking is confirmed
        when we receive the deposit and a signed hire agreement. The balance must be paid 14
        days before the booking.

        ## Cancellations

        | Notice given | Refund of hire charge |
        | More than 28 days | Full refund |
        | 14 to 28 days | 50 per cent |
        | Less than 14 days | No refund |

        If the council has to cancel a booking, for example because of an emergency closure,
        we will refund all charges in full.

        ## Conditions of hire

        - The hirer must be aged 18 or over and must be present throughout the booking.
        - Alcohol may only be sold under a temporary event notice, which the hirer must obtain from the licensing team at least 10 working days before the event.
        - Hirers must have public liability insurance of at least £5 million for events open to the public, or may buy cover through the council for £12 per booking.
        - Activities involving children or adults at risk require a safeguarding policy.
        - The hall must be left clean and tidy, and all rubbish removed.

        ## Equipment

        Tables and chairs are included. A projector and screen can be hired for £15 a session
        and a portable PA system for £20 a session at Beckfield and Greystones.
        """,
    ),
)

PARKING_PERMITS = Doc(
    path=f"{SERVICES}/parking-permits.pdf",
    title="Residents' Parking Permits",
    published=date(2025, 3, 24),
    pages=(
        """
        # Residents' Parking Permits

        Harrowdene has seven controlled parking zones (CPZs), lettered A to G, mainly around
        the town centre, the railway stations and the hospital. Within a zone you can only
        park in a residents' bay during the controlled hours if you display a valid permit.
        Controlled hours are shown on the signs at the entrance to each zone.

        ## Who can apply

        You can apply for a resident permit if you live at an address within a zone and the
        vehicle is registered to you at that address, or is a company car or lease vehicle you
        keep there. Properties built after 2016 in zones A and B are car-free developments
        and are not eligible for permits.

        ## Permit charges from 1 April 2025

        Charges depend on the vehicle's carbon dioxide emissions, to encourage cleaner
        vehicles.

        | Vehicle | First permit (12 months) | Second permit | Third permit |
        | Fully electric | £25 | £50 | £100 |
        | Up to 120 g/km CO2 | £62 | £118 | £210 |
        | 121 to 185 g/km CO2 | £96 | £164 | £260 |
        | Over 185 g/km CO2 | £148 | £236 | £340 |
        | Diesel vehicles (surcharge on any band) | +£30 | +£30 | +£30 |

        Six-month permits are available at 55 per cent of the annual charge. Motorcycle
        permits cost £20 a year.
        """,
        """
        ## Visitor permits

        Residents can buy visitor permits in books of 10, each valid for one day. They cost
        £1.80 each (£0.90 for residents aged 65 or over or who receive a disability benefit).
        Each household can buy up to 150 visitor permits a year. Virtual visitor permits can
        be activated online or by phone and are linked to the visitor's number plate.

        ## Other permits

        - Business permits for firms based in a zone: £410 a year, maximum two per business.
        - Carer permits for professional and family carers: free, valid for 12 months.
        - Teacher permits for staff at schools within a zone: £180 a year.
        - Blue Badge holders can park free in residents' bays and do not need a permit.

        ## How to apply

        Apply online at harrowdene.gov.uk/parkingpermits. You will need proof of address, such
        as a council tax bill or tenancy agreement, and the vehicle's registration document.
        Most permits are virtual, so you do not need to display anything; civil enforcement
        officers check your number plate electronically. Allow up to 5 working days for an
        application to be processed.

        ## Refunds

        If you move out of the zone or sell your vehicle, you can surrender your permit and
        receive a refund for each full month remaining, less a £10 administration charge.

        ## Penalty charges

        Parking in a residents' bay without a valid permit during controlled hours may result
        in a penalty charge notice of £110, reduced to £55 if paid within 14 days. You can
        challenge a penalty charge online, and appeal to the independent traffic adjudicator
        if your challenge is rejected.
        """,
    ),
)

SEND_LOCAL_OFFER = Doc(
    path=f"{SERVICES}/send-local-offer.pdf",
    title="Special Educational Needs and Disabilities (SEND) Local Offer",
    published=date(2024, 9, 2),
    sidecar="""\
title = "SEND Local Offer"
summary = "Support for children and young people aged 0 to 25 with special educational needs and disabilities, and how to ask for an assessment."
published = 2024-09-02
keywords = ["SEND", "special educational needs", "EHCP", "local offer", "disabilities", "SENCO"]
class = "services"
""",
    pages=(
        """
        # Special Educational Needs and Disabilities (SEND) Local Offer

        ## What is the local offer?

        Every council must publish a local offer setting out the support available for
        children and young people aged 0 to 25 with special educational needs and
        disabilities, and their families. This is a requirement of section 30 of the
        Children and Families Act 2014 and the SEND Code of Practice. Our local offer was
        developed with Harrowdene Parent Carer Forum and is reviewed every year.

        Around 6,900 children and young people in Harrowdene receive SEN support at school or
        college, and 2,140 have a plan that sets out their needs and the support they must
        receive.

        ## Who can help

        - Your child's nursery, school or college, and its special educational needs co-ordinator (SENCO).
        - Your health visitor or GP, for children under five.
        - The SEND Information, Advice and Support Service (SENDIASS), which gives free, impartial and confidential advice on 01632 960 650.
        - Harrowdene Parent Carer Forum, run by and for parents of disabled children.

        ## Early years

        Children under five with emerging needs can be supported through the Early Years
        Inclusion Fund, which pays for extra staff support in nurseries and with
        childminders. The Portage home visiting service works with families of pre-school
        children with complex needs.
        """,
        """
        ## Support in school: SEN support

        Most children with special educational needs have their needs met by their school
        through SEN support. The school follows a cycle of assess, plan, do and review,
        agreeing outcomes with you and your child and reviewing them at least three times a
        year. Schools fund the first £6,000 of additional support for each pupil from their
        own budget, and can apply to the council for top-up funding.

        ## Specialist teaching and therapy

        - The Specialist Teaching Service supports schools with pupils who have autism, speech and language needs, or sensory impairments.
        - The Educational Psychology Service assesses pupils and advises schools and families.
        - Speech and language therapy and occupational therapy are commissioned jointly with the local NHS trust.

        ## Resource bases and special schools

        Harrowdene has nine resource bases attached to mainstream schools and three special
        schools: Kestrel Lane School (for pupils with severe and complex learning
        difficulties, aged 2 to 19), Oakwood Academy (social, emotional and mental health
        needs, aged 11 to 16) and Riverside School (autism, aged 4 to 19). Places are
        allocated through the annual review process.
        """,
        """
        ## Education, Health and Care plans

        If your child's needs cannot be met through SEN support, you, your child's school or
        a professional can ask the council to carry out an Education, Health and Care needs
        assessment. Young people aged 16 to 25 can ask for themselves.

        We will decide within 6 weeks whether to carry out an assessment. If we agree, we will
        ask for advice from you, your child, their school, an educational psychologist,
        health services and social care. If we decide to issue a plan, you will receive a
        draft and have 15 days to comment and to name the school you would like your child to
        attend. The whole process, from request to final plan, must take no longer than 20
        weeks.

        A plan is reviewed at least once a year at an annual review meeting. From year 9
        onwards, the review must also consider preparation for adulthood, including further
        education, employment, independent living and health.

        ## Personal budgets

        Families whose child has a plan can ask for a personal budget for some of the support
        in it, which can be taken as a direct payment.

        ## If you disagree

        You can ask for a meeting with the SEND team, use the free independent disagreement
        resolution service, or go to mediation. You have the right to appeal to the First-tier
        Tribunal (Special Educational Needs and Disability) against a decision not to assess,
        not to issue a plan, or about the content of a plan.
        """,
        """
        ## Short breaks

        Short breaks give disabled children and young people the chance to have fun and make
        friends, and give their families a break from caring. They include after-school and
        holiday clubs, overnight stays at the Willow House short breaks centre and direct
        payments for families to arrange their own support. Many short breaks are available
        without an assessment.

        ## Home to school travel

        Children with special educational needs may be eligible for free travel assistance
        to school. This can be a travel pass, a personal travel budget, independent travel
        training or a seat on a council minibus. Applications for September must be made by
        31 May.

        ## Preparing for adulthood

        From age 14, we work with young people and their families to plan the move to adult
        life. The Transitions Team in adult social care becomes involved from age 17 for young
        people likely to need care and support as adults.

        ## Tell us what you think

        We want to hear about gaps in our local offer or services that could be better. Email
        localoffer@harrowdene.gov.uk. We publish a summary of the comments we receive, and
        what we have done in response, every year in our "You said, we did" report.
        """,
    ),
)

# -------------------------------------------------------------------------- unclassified

TREE_PRESERVATION = Doc(
    # Dropped at the top level of documents/, outside any class folder, on purpose:
    # the library must still index it as "unclassified" and suggest a class.
    path="tree-preservation-orders-guidance.pdf",
    title="Tree Preservation Orders: Guidance for Residents",
    published=date(2024, 6, 17),
    pages=(
        """
        # Tree Preservation Orders: Guidance for Residents

        ## What is a tree preservation order?

        A tree preservation order (TPO) is an order made by the council under the Town and
        Country Planning Act 1990 to protect trees that bring significant amenity benefit to
        the local area. There are 318 TPOs in Harrowdene, protecting around 4,600 individual
        trees and 57 woodlands and groups. An order can protect a single tree, a group of
        trees or a whole woodland.

        ## Finding out if a tree is protected

        You can check whether a tree is protected by searching the interactive map on the
        council website or by contacting the Tree Officer on 01632 960 280 or
        trees@harrowdene.gov.uk. Trees in conservation areas also have protection, even if
        they are not covered by an order. Harrowdene has nine conservation areas, including
        Harrowdene Central, Castle Hill and Fairlop Green.

        ## Applying to carry out work

        You need the council's consent before you cut down, top, lop, uproot, wilfully damage
        or wilfully destroy a protected tree. Apply using the national application form for
        tree works, with a plan showing the tree and a clear description of the work. There is
        no fee. We aim to decide applications within eight weeks and will tell you if we need
        to visit.

        Good tree surgeons will be familiar with the rules and can apply on your behalf. We
        recommend using a contractor who works to British Standard 3998.
        """,
        """
        ## Trees in conservation areas

        If a tree in a conservation area is not protected by an order and has a trunk
        diameter of 75 millimetres or more, measured 1.5 metres above the ground, you must give
        the council six weeks' written notice before carrying out work on it. This is known as
        a section 211 notice. During the six weeks we will decide whether the tree should be
        protected by a new order. If we do not respond within six weeks you may carry out the
        work described in the notice within two years.

        ## Exemptions

        Consent is not needed to remove dead branches from a living tree, to cut down a tree
        that is dead, or to carry out work that is urgently necessary to remove an immediate
        risk of serious harm. In an emergency you must give us written notice as soon as
        practicable, and keep evidence such as photographs. You may also have to plant a
        replacement tree.

        ## Penalties

        Carrying out unauthorised work on a protected tree is a criminal offence. Anyone who
        cuts down or wilfully destroys a protected tree can face an unlimited fine in the
        magistrates' court. The council will normally also require a replacement tree to be
        planted.

        ## Objecting to a new order

        When we make a new order we send a copy to the owners and neighbours of the land. You
        can object or make comments within 28 days. The Planning Committee considers any
        objections before deciding whether to confirm the order, which must happen within six
        months.
        """,
    ),
)

ALL_DOCUMENTS: tuple[Doc, ...] = (
    ORGANISATION_CHART,
    COUNCILLORS_AND_WARDS,
    DRAFT_RESTRUCTURING,
    STATEMENT_OF_ACCOUNTS,
    PAY_POLICY,
    BUDGET,
    ANNUAL_REPORT,
    CORPORATE_PLAN,
    CABINET_MINUTES,
    PLANNING_MINUTES,
    COMPLAINTS,
    FOI_FEES,
    WHISTLEBLOWING,
    DATA_PROTECTION,
    MEMBERS_INTERESTS,
    ASSET_REGISTER,
    FOI_POTHOLES,
    FOI_AGENCY,
    BULKY_WASTE,
    COMMUNITY_HALLS,
    PARKING_PERMITS,
    SEND_LOCAL_OFFER,
    TREE_PRESERVATION,
)
