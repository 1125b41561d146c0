"""Tables for spreadsheet programs: CSV that Finnish Excel opens by double-click (or plain CSV
for programs), xlsx workbooks with typed cells, and text that a spreadsheet would run as a
formula always written as text.

`cells` holds the rules for one cell, `csv_file` and `xlsx_file` write whole tables. `forms`
writes workbooks for people to fill in (protected, input cells open, Excel's data validation) and
`form_reading` reads them back into typed rows, every problem named by file, sheet and cell.
"""
