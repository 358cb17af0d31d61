"""The province's staff list import from Excel (issue 2, point 5); see docs/staff-import.md.

- `columns`: the file format (sheet name, headers, allowed values).
- `rules`: pure checks of each cell and row; `plan`: pure matching against existing people.
- `reader`: safe opening of the upload (size, signature, sheet, headers), streamed.
- `template`: the xlsx template; `runner.staff_import`: the entry point for page, CLI, bench.
The writes are `org.services.people_import_apply`.
"""
