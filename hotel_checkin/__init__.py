from . import controllers, models, demo, wizard  # demo extends the models above
