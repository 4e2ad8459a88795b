from . import task_sheet
