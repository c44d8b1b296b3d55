from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0005_transition_snapshot'),
    ]

    operations = [
        migrations.RenameField(
            model_name='explanation',
            old_name='author',
            new_name='updated_by',
        ),
        migrations.AddField(
            model_name='explanation',
            name='version',
            field=models.PositiveIntegerField(default=1, verbose_name='版本'),
        ),
        migrations.AlterField(
            model_name='explanation',
            name='text',
            field=models.TextField(blank=True, verbose_name='情况说明'),
        ),
    ]
